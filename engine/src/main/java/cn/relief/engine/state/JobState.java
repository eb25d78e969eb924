package cn.relief.engine.state;

import cn.relief.engine.record.JobRecord;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Jobs with their state, plus the indexes the processors need: activatable jobs per type in
 * creation order, activation deadlines, and back-off ends.
 */
public final class JobState {
  public enum State { ACTIVATABLE, ACTIVATED, FAILED, ERROR_THROWN }

  public record Job(long key, JobRecord record, State state) {}

  public record Due(long time, long key) {}

  private static final Comparator<Due> BY_TIME = Comparator.comparingLong(Due::time).thenComparingLong(Due::key);

  private final Map<Long, Job> jobs = new HashMap<>();
  private final Map<String, LinkedHashSet<Long>> activatable = new HashMap<>();
  private final NavigableSet<Due> deadlines = new TreeSet<>(BY_TIME);
  private final NavigableSet<Due> backoffs = new TreeSet<>(BY_TIME);

  public Job get(long key) {
    return jobs.get(key);
  }

  public int count() {
    return jobs.size();
  }

  /** Activatable job keys of a type, oldest first; do not modify. */
  public Set<Long> activatable(String type) {
    LinkedHashSet<Long> keys = activatable.get(type);
    return keys == null ? Set.of() : keys;
  }

  /** Activated jobs whose deadline is at or before {@code now}. */
  public Iterator<Due> expiredDeadlines(long now) {
    return deadlines.headSet(new Due(now, Long.MAX_VALUE), true).iterator();
  }

  public Iterator<Due> elapsedBackoffs(long now) {
    return backoffs.headSet(new Due(now, Long.MAX_VALUE), true).iterator();
  }

  void put(long key, JobRecord record, State state) {
    Job previous = jobs.put(key, new Job(key, record, state));
    if (previous != null) {
      unindex(previous);
    }
    index(jobs.get(key));
  }

  void remove(long key) {
    Job previous = jobs.remove(key);
    if (previous != null) {
      unindex(previous);
    }
  }

  private void index(Job job) {
    switch (job.state()) {
      case ACTIVATABLE -> activatable.computeIfAbsent(job.record().type(), t -> new LinkedHashSet<>()).add(job.key());
      case ACTIVATED -> deadlines.add(new Due(job.record().deadline(), job.key()));
      case FAILED -> {
        if (job.record().retries() > 0 && job.record().recurringTime() > 0) {
          backoffs.add(new Due(job.record().recurringTime(), job.key()));
        }
      }
      case ERROR_THROWN -> { }
    }
  }

  private void unindex(Job job) {
    switch (job.state()) {
      case ACTIVATABLE -> {
        LinkedHashSet<Long> keys = activatable.get(job.record().type());
        if (keys != null) {
          keys.remove(job.key());
          if (keys.isEmpty()) {
            activatable.remove(job.record().type());
          }
        }
      }
      case ACTIVATED -> deadlines.remove(new Due(job.record().deadline(), job.key()));
      case FAILED -> backoffs.remove(new Due(job.record().recurringTime(), job.key()));
      case ERROR_THROWN -> { }
    }
  }
  /** Every job, for snapshots. */
  public java.util.Collection<Job> all() {
    return jobs.values();
  }
}
