package cn.relief.app.dashboard;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Counts each deadline's steps by how they stand. */
public final class DeadlineTally {
  private final Map<Deadline, long[]> counts = new EnumMap<>(Deadline.class);

  public DeadlineTally() {
    for (Deadline deadline : Deadline.values()) {
      counts.put(deadline, new long[DeadlineStatus.values().length]);
    }
  }

  /** A step due at {@code due}, finished at {@code completed} (null while open). */
  public DeadlineStatus add(Deadline deadline, Instant due, Instant completed, Instant now) {
    DeadlineStatus status = DeadlineStatus.of(due, completed, now);
    counts.get(deadline)[status.ordinal()]++;
    return status;
  }

  public long count(Deadline deadline, DeadlineStatus status) {
    return counts.get(deadline)[status.ordinal()];
  }

  /** The counts of a deadline in status order. */
  public long[] counts(Deadline deadline) {
    return counts.get(deadline).clone();
  }
}
