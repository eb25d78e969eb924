package cn.relief.engine.processing.bpmn;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/** The one form user task dates are kept in: ISO 8601 date-times with offset. */
public final class UserTaskDates {
  private UserTaskDates() {}

  /** The date-time in ISO 8601 with offset, or null if the text is not one. */
  public static String normalize(String text) {
    try {
      return OffsetDateTime.parse(text.trim()).toString();
    } catch (DateTimeParseException e) {
      try {
        // FEEL date-times with a zone id print as 2026-11-29T08:00+01:00[Europe/Paris]
        return ZonedDateTime.parse(text.trim()).toOffsetDateTime().toString();
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }
}
