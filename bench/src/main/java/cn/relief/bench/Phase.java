package cn.relief.bench;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One measured phase of a workload. Instances carry the phase id and their start time as process
 * variables; the worker of the last service task reports each completed instance here.
 */
final class Phase {
  final int id;
  /** Closed loop: one permit per instance allowed in flight; null for the open loop. */
  final Semaphore permits;
  final AtomicLong created = new AtomicLong();
  final AtomicLong createErrors = new AtomicLong();
  final AtomicLong completed = new AtomicLong();
  /** Completions that fell inside the measurement window. */
  final AtomicLong counted = new AtomicLong();
  /** create-to-complete latency in microseconds, for completions inside the window. */
  private final Recorder latency = new Recorder(3);
  volatile long windowStart = Long.MIN_VALUE;
  volatile long windowEnd = Long.MAX_VALUE;
  /** Open loop: watches how soon created instances are found by the history search; null otherwise. */
  volatile VisibilityProbe visibility;

  Phase(int id, Semaphore permits) {
    this.id = id;
    this.permits = permits;
  }

  /** Called when the last job's complete command was acknowledged, i.e. the instance is completed and committed. */
  void onCompleted(long startedAt, long now) {
    completed.incrementAndGet();
    if (now >= windowStart && now < windowEnd) {
      counted.incrementAndGet();
      latency.recordValue(Math.max(0, (now - startedAt) / 1_000));
    }
    if (permits != null) {
      permits.release();
    }
  }

  void onCreateFailed() {
    createErrors.incrementAndGet();
    if (permits != null) {
      permits.release();
    }
  }

  /** In flight = created and not yet completed nor failed. */
  long inFlight() {
    return created.get() - completed.get() - createErrors.get();
  }

  Histogram latencyMicros() {
    return latency.getIntervalHistogram();
  }
}
