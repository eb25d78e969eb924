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

  public record Task(long key, UserTaskRecord record, LifecycleState state) {}

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

  /** A transition that keeps the task's attributes (the event's record may carry only the changes' context). */
  void transition(long key, LifecycleState state) {
    Task task = tasks.get(key);
    if (task != null) {
      tasks.put(key, new Task(key, task.record(), state));
    }
  }

  void remove(long key) {
    Task task = tasks.remove(key);
    if (task != null) {
      byElementInstance.remove(task.record().elementInstanceKey());
    }
  }
}
