package cn.relief.engine.state;

import cn.relief.engine.record.TimerRecord;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/** Timers that have not fired or been cancelled, by key, by owning element instance and by due date. */
public final class TimerState {
  private final Map<Long, TimerRecord> timers = new HashMap<>();
  private final Map<Long, Set<Long>> byElementInstance = new HashMap<>();
  private final Map<Long, Set<Long>> startTimersByProcess = new HashMap<>();
  private final NavigableSet<JobState.Due> due =
      new TreeSet<>(Comparator.comparingLong(JobState.Due::time).thenComparingLong(JobState.Due::key));

  public TimerRecord get(long key) {
    return timers.get(key);
  }

  public int count() {
    return timers.size();
  }

  public Iterator<JobState.Due> dueBy(long now) {
    return due.headSet(new JobState.Due(now, Long.MAX_VALUE), true).iterator();
  }

  public Set<Long> ofElementInstance(long elementInstanceKey) {
    return byElementInstance.getOrDefault(elementInstanceKey, Set.of());
  }

  public Set<Long> startTimersOf(long processDefinitionKey) {
    return startTimersByProcess.getOrDefault(processDefinitionKey, Set.of());
  }

  public Map<Long, TimerRecord> all() {
    return timers;
  }

  void created(long key, TimerRecord timer) {
    timers.put(key, timer);
    if (timer.elementInstanceKey() > 0) {
      byElementInstance.computeIfAbsent(timer.elementInstanceKey(), k -> new LinkedHashSet<>()).add(key);
    } else {
      startTimersByProcess.computeIfAbsent(timer.processDefinitionKey(), k -> new LinkedHashSet<>()).add(key);
    }
    due.add(new JobState.Due(timer.dueDate(), key));
  }

  void removed(long key) {
    TimerRecord timer = timers.remove(key);
    if (timer == null) {
      return;
    }
    due.remove(new JobState.Due(timer.dueDate(), key));
    Map<Long, Set<Long>> index = timer.elementInstanceKey() > 0 ? byElementInstance : startTimersByProcess;
    long owner = timer.elementInstanceKey() > 0 ? timer.elementInstanceKey() : timer.processDefinitionKey();
    Set<Long> keys = index.get(owner);
    if (keys != null) {
      keys.remove(key);
      if (keys.isEmpty()) {
        index.remove(owner);
      }
    }
  }
}
