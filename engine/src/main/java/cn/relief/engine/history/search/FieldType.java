package cn.relief.engine.history.search;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** How a filter value is read from JSON and bound to SQL. */
public enum FieldType {
  STRING,
  /** A 64-bit key, sent as a string (JavaScript cannot hold it as a number). */
  KEY,
  INTEGER,
  DATE,
  BOOLEAN;

  Object parse(String field, Object value) {
    try {
      return switch (this) {
        case STRING -> String.valueOf(value);
        case KEY -> value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).trim());
        case INTEGER -> value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value).trim());
        case DATE -> Timestamp.from(OffsetDateTime.parse(String.valueOf(value)).toInstant());
        case BOOLEAN -> value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new SearchQueryException("Expected the filter '" + field + "' to be "
          + switch (this) {
            case KEY -> "a numeric key";
            case INTEGER -> "an integer";
            case DATE -> "an ISO 8601 date-time with offset (e.g. 2026-11-29T08:00:00+08:00)";
            default -> "a " + name().toLowerCase();
          } + ", but found '" + value + "'");
    }
  }
}
