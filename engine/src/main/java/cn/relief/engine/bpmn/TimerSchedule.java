package cn.relief.engine.bpmn;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.scheduling.support.CronExpression;

/**
 * When a timer fires: a date, a duration from now, or a cycle of repetitions ({@code R5/PT10S},
 * {@code R/PT1H}, {@code R3/2026-12-01T08:00:00Z/P1D}) or a cron expression, as Zeebe reads them.
 * Timers use UTC unless the value names a zone; a date without offset is taken as UTC.
 */
public sealed interface TimerSchedule {
  /** Repetitions for an endless cycle. */
  int INFINITE = -1;

  /** The first due date, in epoch milliseconds, for a timer created at {@code now}. */
  long firstDueDate(long now);

  /** After firing at {@code dueDate}: the next due date (for cycles), or -1. */
  default long nextDueDate(long dueDate) {
    return -1;
  }

  /** Repetitions left after the first firing (0 for dates and durations, -1 for endless). */
  default int repetitions() {
    return 0;
  }

  record AtDate(long epochMillis) implements TimerSchedule {
    @Override
    public long firstDueDate(long now) {
      return epochMillis;
    }
  }

  record After(IsoDuration duration) implements TimerSchedule {
    @Override
    public long firstDueDate(long now) {
      return duration.addTo(now);
    }
  }

  record Cycle(int repetitions, Long start, IsoDuration interval) implements TimerSchedule {
    @Override
    public long firstDueDate(long now) {
      return start != null ? start : interval.addTo(now);
    }

    @Override
    public long nextDueDate(long dueDate) {
      return interval.addTo(dueDate);
    }
  }

  record Cron(CronExpression expression) implements TimerSchedule {
    @Override
    public long firstDueDate(long now) {
      return nextDueDate(now);
    }

    @Override
    public long nextDueDate(long dueDate) {
      ZonedDateTime next = expression.next(Instant.ofEpochMilli(dueDate).atZone(ZoneOffset.UTC));
      return next == null ? -1 : next.toInstant().toEpochMilli();
    }

    @Override
    public int repetitions() {
      return INFINITE;
    }
  }

  /** An ISO 8601 duration with date and time parts, e.g. {@code P1DT2H} or {@code P1M}. */
  record IsoDuration(Period period, Duration time) {
    long addTo(long epochMillis) {
      ZonedDateTime at = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
      return at.plus(period).plus(time).toInstant().toEpochMilli();
    }

    static IsoDuration parse(String text) {
      String value = text.trim();
      int t = value.indexOf('T');
      Period period = Period.ZERO;
      Duration time = Duration.ZERO;
      if (t < 0) {
        period = Period.parse(value);
      } else {
        String datePart = value.substring(0, t);
        if (!datePart.equals("P") && !datePart.equals("-P")) {
          period = Period.parse(datePart);
        }
        time = Duration.parse((value.startsWith("-") ? "-P" : "P") + value.substring(t));
      }
      if (period.isNegative() || time.isNegative()) {
        throw new IllegalArgumentException("a timer duration must not be negative: '" + text + "'");
      }
      return new IsoDuration(period, time);
    }
  }

  static TimerSchedule date(String text) {
    return new AtDate(parseDate(text));
  }

  static TimerSchedule duration(String text) {
    try {
      return new After(IsoDuration.parse(text));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Expected an ISO 8601 duration such as 'PT15M' or 'P10D', but found '"
          + text + "'");
    }
  }

  static TimerSchedule cycle(String text) {
    String value = text.trim();
    if (!value.startsWith("R")) {
      try {
        return new Cron(CronExpression.parse(value));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Expected a repeating interval such as 'R5/PT10S' or a cron expression, "
            + "but found '" + text + "' (" + e.getMessage() + ")");
      }
    }
    String[] parts = value.split("/");
    IsoDuration interval = null;
    Cycle cycle = null;
    try {
      int repetitions = parts[0].length() == 1 ? INFINITE : Integer.parseInt(parts[0].substring(1));
      if (parts.length == 2) {
        interval = IsoDuration.parse(parts[1]);
        cycle = new Cycle(repetitions, null, interval);
      } else if (parts.length == 3) {
        interval = IsoDuration.parse(parts[2]);
        cycle = new Cycle(repetitions, parseDate(parts[1]), interval);
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      // reported below
    }
    if (cycle != null) {
      if (interval.period().isZero() && interval.time().isZero()) {
        // it would fire again at once, forever
        throw new IllegalArgumentException("Expected a repeating interval longer than zero, but found '" + text + "'");
      }
      return cycle;
    }
    throw new IllegalArgumentException("Expected a repeating interval such as 'R5/PT10S', 'R/P1D' or "
        + "'R3/2026-12-01T08:00:00Z/P1D', but found '" + text + "'");
  }

  static TimerSchedule parse(TimerDefinition.Kind kind, String text) {
    return switch (kind) {
      case DATE -> date(text);
      case DURATION -> duration(text);
      case CYCLE -> cycle(text);
    };
  }

  private static long parseDate(String text) {
    String value = text.trim();
    try {
      return ZonedDateTime.parse(value).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      // try without zone below
    }
    try {
      return OffsetDateTime.parse(value).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      // try without offset below
    }
    try {
      return LocalDateTime.parse(value).atZone(ZoneId.of("UTC")).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Expected an ISO 8601 date-time such as '2026-12-01T08:00:00+08:00', but found '" + text + "'");
    }
  }
}
