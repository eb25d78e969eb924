package cn.relief.engine.gateway.rest;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Checks and defaults shared by the controllers; all failures are 400 problems. */
final class RestRequests {
  /** The tenant every resource belongs to while multi-tenancy is off, as Zeebe names it. */
  static final String DEFAULT_TENANT = "<default>";

  private RestRequests() {}

  /**
   * Parses a key from a path or body. Keys travel as strings in REST v2 because JavaScript cannot
   * hold 64-bit integers; anything that is not a non-negative long is the caller's mistake.
   */
  static long key(String name, String value) {
    if (value == null || value.isBlank()) {
      throw RestRequestException.invalid("Expected " + name + " to be a numeric key, but none was given");
    }
    try {
      long key = Long.parseLong(value.trim());
      if (key >= 0) {
        return key;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw RestRequestException.invalid(
        "Expected " + name + " to be a numeric key (a non-negative 64-bit integer), but found '" + value + "'");
  }

  static String requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw RestRequestException.invalid("Expected " + name + " to be a non-blank string, but "
          + (value == null ? "none was given" : "it was blank"));
    }
    return value;
  }

  /**
   * The list's items, none of them null (absent list: empty): a JSON array with a null where an
   * instruction belongs is a bad request, not a NullPointerException.
   */
  static <T> List<T> items(String name, List<T> list) {
    if (list == null) {
      return List.of();
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        throw RestRequestException.invalid("Expected each of " + name + " to be an object, but item " + (i + 1)
            + " was null");
      }
    }
    return list;
  }

  static <T> T requirePresent(String name, T value) {
    if (value == null) {
      throw RestRequestException.invalid("Expected " + name + " to be given, but it was missing or null");
    }
    return value;
  }

  static long nonNegativeMillis(String name, Long value, long defaultValue) {
    if (value == null) {
      return defaultValue;
    }
    if (value < 0) {
      throw RestRequestException.invalid(
          "Expected " + name + " to be a non-negative number of milliseconds, but found " + value);
    }
    return value;
  }

  static String tenant(String tenantId) {
    return tenantId == null || tenantId.isBlank() ? DEFAULT_TENANT : tenantId;
  }

  static List<String> tenants(List<String> tenantIds) {
    List<String> ids = names("tenantIds", tenantIds);
    return ids.isEmpty() ? List.of(DEFAULT_TENANT) : ids;
  }

  /**
   * Variables are optional almost everywhere; absent means "none". The body's type (a map) already
   * guarantees a JSON object: Jackson rejects anything else before the controller runs.
   */
  static Map<String, Object> variables(Map<String, Object> variables) {
    return variables == null ? Map.of() : variables;
  }

  static List<String> names(String name, List<String> names) {
    if (names == null) {
      return List.of();
    }
    if (names.contains(null)) {
      throw RestRequestException.invalid("Expected " + name + " to be a list of strings, but it contained null");
    }
    return List.copyOf(names);
  }

  static Duration millis(long millis) {
    return Duration.ofMillis(millis);
  }
}
