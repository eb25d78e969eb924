package cn.relief.bench;

import cn.relief.engine.Engine;
import cn.relief.engine.history.HistoryProjector;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * How soon a new process instance is in the history after the create command's reply, while the
 * open loop runs: at every {@value #EVERY}th reply the engine's last written position is noted,
 * and a thread checks every millisecond whether the projector has projected that far (so the
 * instance is searchable; a search itself then takes what the history section reports). Checked
 * in-process, so the measuring adds no load: searching over REST every few milliseconds would.
 */
final class VisibilityProbe implements AutoCloseable {
  static final int EVERY = 10;
  private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

  private record Watched(long position, long repliedAt) {}

  private final Engine engine;
  private final HistoryProjector projector;
  private final ConcurrentLinkedQueue<Watched> watched = new ConcurrentLinkedQueue<>();
  private final Histogram delaysMicros = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
  private final Thread thread;
  private volatile boolean running = true;

  VisibilityProbe(BenchEngine engine) {
    this.engine = engine.engine();
    this.projector = engine.historyProjector();
    this.thread = new Thread(this::check, "bench-history-visibility");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Called with each create reply; watches every {@value #EVERY}th. */
  void created(long sequence, long repliedAt) {
    if (sequence % EVERY == 0) {
      // the last position the engine wrote is at or after the instance's own records
      watched.add(new Watched(engine.statistics().lastPosition(), repliedAt));
    }
  }

  /** Waits for what is still unprojected (at most 30 s), then stops; returns the delays. */
  Histogram finish() {
    long deadline = Workload.now() + GIVE_UP_NANOS;
    while (!watched.isEmpty() && Workload.now() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    close();
    synchronized (this) {
      return delaysMicros.copy();
    }
  }

  /** Watched instances not projected within 30 s of the end. */
  long notProjected() {
    return watched.size();
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void check() {
    while (running) {
      long projected = projector.projectedPosition();
      long at = Workload.now();
      for (Iterator<Watched> it = watched.iterator(); it.hasNext(); ) {
        Watched next = it.next();
        if (next.position() <= projected) {
          synchronized (this) {
            delaysMicros.recordValue(Math.max(0, (at - next.repliedAt()) / 1_000));
          }
          it.remove();
        }
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }
}
