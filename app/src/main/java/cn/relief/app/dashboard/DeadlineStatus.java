package cn.relief.app.dashboard;

import java.time.Duration;
import java.time.Instant;

/** How a deadline stands: kept, still open in good time, due within a day, or broken. */
public enum DeadlineStatus {
  MET, ON_TRACK, NEAR, MISSED;

  /** Open and due within this: the dashboard warns. */
  static final Duration NEAR_WITHIN = Duration.ofHours(24);
  /**
   * A wait that a timer ends at its deadline (the resettlement period) closes a moment after it;
   * within this it still counts as on time.
   */
  static final Duration TIMER_TOLERANCE = Duration.ofMinutes(1);

  /** {@code completed} is null while the step is open; {@code now} the engine's time (or the system's). */
  public static DeadlineStatus of(Instant due, Instant completed, Instant now) {
    if (completed != null) {
      return completed.isAfter(due.plus(TIMER_TOLERANCE)) ? MISSED : MET;
    }
    if (now.isAfter(due)) {
      return MISSED;
    }
    return Duration.between(now, due).compareTo(NEAR_WITHIN) <= 0 ? NEAR : ON_TRACK;
  }

  public String messageKey() {
    return "dashboard.status." + name();
  }

  /** The CSS class of its bars (app.css has .overdue and .near for tables). */
  public String cssClass() {
    return "status-" + name().toLowerCase().replace('_', '-');
  }
}
