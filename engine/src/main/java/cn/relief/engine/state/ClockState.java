package cn.relief.engine.state;

/**
 * The engine's clock: the system clock, or a time pinned by a test through {@code /v2/clock}. Kept
 * in the state (from CLOCK events) so that a pinned clock stays pinned across a restart.
 */
public final class ClockState {
  /** Written by the engine thread, read by others through {@link #now()} (e.g. the retention purge). */
  private volatile long pinnedTime;

  public boolean isPinned() {
    return pinnedTime > 0;
  }

  public long pinnedTime() {
    return pinnedTime;
  }

  /** The current time in epoch milliseconds. */
  public long now() {
    return pinnedTime > 0 ? pinnedTime : System.currentTimeMillis();
  }

  void pin(long time) {
    this.pinnedTime = time;
  }

  void reset() {
    this.pinnedTime = 0;
  }
}
