package cn.relief.app.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import org.springframework.stereotype.Component;

/**
 * {@code ${@times.minutes(t)}} in a template: an instant as the stations read it, China Standard
 * Time to the minute (the engine answers in UTC; Thymeleaf's own formatting keeps the offset).
 */
@Component("times")
public class TimesInTemplates {
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  public String minutes(Object time) {
    if (time == null) {
      return "";
    }
    if (time instanceof OffsetDateTime offset) {
      return offset.atZoneSameInstant(Times.ZONE).format(MINUTES);
    }
    if (time instanceof Instant instant) {
      return instant.atZone(Times.ZONE).format(MINUTES);
    }
    if (time instanceof ZonedDateTime zoned) {
      return zoned.withZoneSameInstant(Times.ZONE).format(MINUTES);
    }
    if (time instanceof String text) {
      try {
        return minutes(OffsetDateTime.parse(text));
      } catch (DateTimeParseException e) {
        return text;
      }
    }
    return time instanceof TemporalAccessor temporal ? MINUTES.format(temporal) : time.toString();
  }
}
