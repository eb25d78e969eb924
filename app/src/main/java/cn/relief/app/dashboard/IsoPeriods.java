package cn.relief.app.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads the time limits as the models write them: ISO 8601 periods ({@code P3M}, {@code PT24H}) and dates. */
final class IsoPeriods {
  /** The stations' time zone: a bare date is due at its end there. */
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private IsoPeriods() {}

  /** {@code start} plus a period with date and time parts ({@code P1DT12H}); empty if it is no period. */
  static Optional<Instant> plus(Instant start, String period) {
    if (period == null || !period.startsWith("P")) {
      return Optional.empty();
    }
    try {
      int t = period.indexOf('T');
      String datePart = t < 0 ? period : period.substring(0, t);
      var time = start.atZone(CHINA);
      if (datePart.length() > 1) {
        time = time.plus(Period.parse(datePart));
      }
      if (t >= 0) {
        time = time.plus(Duration.parse("PT" + period.substring(t + 1)));
      }
      return Optional.of(time.toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** A due date with offset, a local date-time, or a date (due at its end in China). */
  static Optional<Instant> dueDate(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException notWithOffset) {
      try {
        return Optional.of(LocalDateTime.parse(text).atZone(CHINA).toInstant());
      } catch (DateTimeParseException notLocal) {
        try {
          return Optional.of(LocalDate.parse(text).plusDays(1).atStartOfDay(CHINA).toInstant());
        } catch (DateTimeParseException notADate) {
          return Optional.empty();
        }
      }
    }
  }
}
