package cn.relief.engine.state;

import cn.relief.engine.record.UserTaskRecord;
import java.util.HashMap;
import java.util.Map;

/**
 * The open user tasks, by key and by the element instance that waits for them. A task leaves the
 * state when it is completed or canceled, so commands on it are then rejected as not found (as in
 * Camunda).
 */
public final class UserTaskState {
  /** Where a task is in its lifecycle; the transitional states last only while one command runs. */
  public enum LifecycleState { CREATING, CREATED, ASSIGNING, UPDATING, COMPLETING, CANCELING }

  /**
   * A task: {@code record} holds its attributes as they stand; during an assignment, update or
   * completion {@code pending} holds them as the change would leave them (with the listeners'
   * corrections so far) and {@code listenersDone} counts the listeners that let it pass.
   */
  public record Task(long key, UserTaskRecord record, LifecycleState state, UserTaskRecord pending,
      int listenersDone) {
    public Task(long key, UserTaskRecord record, LifecycleState state) {
      this(key, record, state, null, 0);
    }

    /** The attributes as the change under way would leave them, or as they are. */
    public UserTaskRecord current() {
      return pending == null ? record : pending;
    }

    public boolean inTransition() {
      return state == LifecycleState.ASSIGNING || state == LifecycleState.UPDATING
          || state == LifecycleState.COMPLETING;
    }
  }

  private final Map<Long, Task> tasks = new HashMap<>();
  private final Map<Long, Long> byElementInstance = new HashMap<>();

  public Task get(long key) {
    return tasks.get(key);
  }

  /** The open task of an element instance, or null. */
  public Task ofElementInstance(long elementInstanceKey) {
    Long key = byElementInstance.get(elementInstanceKey);
    return key == null ? null : tasks.get(key);
  }

  public int count() {
    return tasks.size();
  }

  Map<Long, Task> all() {
    return tasks;
  }

  void put(long key, UserTaskRecord record, LifecycleState state) {
    tasks.put(key, new Task(key, record, state));
    byElementInstance.put(record.elementInstanceKey(), key);
  }

  /** A transition that keeps the task's attributes (canceling). */
  void transition(long key, LifecycleState state) {
    Task task = tasks.get(key);
    if (task != null) {
      tasks.put(key, new Task(key, task.record(), state));
    }
  }

  /** An assignment, update or completion begins: its listeners have yet to run. */
  void begin(long key, LifecycleState state, UserTaskRecord pending) {
    Task task = tasks.get(key);
    if (task != null) {
      tasks.put(key, new Task(key, task.record(), state, pending, 0));
    }
  }

  /** A listener corrected the change under way. */
  void correct(long key, UserTaskRecord corrected) {
    Task task = tasks.get(key);
    if (task != null) {
      tasks.put(key, new Task(key, task.record(), task.state(), corrected, task.listenersDone()));
    }
  }

  /** A listener of the task's element let the change under way pass. */
  void listenerDone(long elementInstanceKey) {
    Task task = ofElementInstance(elementInstanceKey);
    if (task != null && task.inTransition()) {
      tasks.put(task.key(), new Task(task.key(), task.record(), task.state(), task.pending(), task.listenersDone() + 1));
    }
  }

  /** The task now belongs to an element of another process definition; its state stays. */
  void migrated(long key, UserTaskRecord record) {
    Task task = tasks.get(key);
    if (task != null) {
      tasks.put(key, new Task(key, record, task.state()));
    }
  }

  /** A listener denied the change: the task is as it was before. */
  void revert(long key) {
    Task task = tasks.get(key);
    if (task != null) {
      tasks.put(key, new Task(key, task.record(), LifecycleState.CREATED));
    }
  }

  /** Restores a task from a snapshot, mid-transition or not. */
  void restore(Task task) {
    tasks.put(task.key(), task);
    byElementInstance.put(task.record().elementInstanceKey(), task.key());
  }

  void remove(long key) {
    Task task = tasks.remove(key);
    if (task != null) {
      byElementInstance.remove(task.record().elementInstanceKey());
    }
  }
}
