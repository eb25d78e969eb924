package cn.relief.app.audit;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One entry of the engine's audit trail as its endpoint {@code POST /v2/relief/audit/search}
 * returns it: who ({@code callerId}) did what ({@code operation}) to which keys ({@code target},
 * with the keys the command produced) with which data ({@code request}: variables, assignee...).
 */
record AuditEntry(long sequence, OffsetDateTime recordedAt, String callerId, String operation,
    Map<String, Object> target, Map<String, Object> request, String outcome, String rejectionType,
    String rejectionMessage) {

  AuditEntry {
    target = target == null ? Map.of() : target;
    request = request == null ? Map.of() : request;
  }

  boolean accepted() {
    return "ACCEPTED".equals(outcome);
  }

  /** The variables the command carried (creation, completion, set variables, message), empty if none. */
  @SuppressWarnings("unchecked")
  Map<String, Object> variables() {
    return request.get("variables") instanceof Map<?, ?> variables ? (Map<String, Object>) variables : Map.of();
  }

  /** The key of that name in the target, or null. */
  Long targetKey(String name) {
    Object value = target.get(name);
    if (value instanceof Number number) {
      return number.longValue();
    }
    if (value instanceof String text && text.matches("\\d+")) {
      return Long.parseLong(text);
    }
    return null;
  }
}
