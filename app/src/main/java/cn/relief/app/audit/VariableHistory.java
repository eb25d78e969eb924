package cn.relief.app.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A case's variable history. The engine keeps only the current values searchable; every value a
 * command brought in (the instance's creation, a task's or job's completion, a thrown error or
 * failure with variables, set variables, a correlated message) is in the audit trail's entry of
 * that command, so the history is read from there, in the trail's order. Values the engine derives
 * itself (output mappings, results of FEEL) are not commands and appear only as current values.
 */
final class VariableHistory {
  private static final ObjectMapper JSON = new ObjectMapper();

  private VariableHistory() {}

  /**
   * @param visible masks one command's variables for the viewer (personal data)
   */
  static List<VariableChange> build(List<AuditEntry> entries, Origins origins, UnaryOperator<Map<String, Object>> visible) {
    List<VariableChange> changes = new ArrayList<>();
    for (AuditEntry entry : entries) {
      if (!entry.accepted() || entry.variables().isEmpty()) {
        continue; // a rejected command changed nothing
      }
      Origin origin = origins.of(entry);
      String process = origin == null ? null : origin.process();
      String elementId = origin == null ? null : origin.elementId();
      visible.apply(entry.variables()).forEach((name, value) -> changes.add(new VariableChange(entry.sequence(),
          entry.recordedAt(), entry.callerId(), entry.operation(), process, elementId, name, text(value))));
    }
    return changes;
  }

  /** Strings as they are, anything else as JSON. */
  static String text(Object value) {
    if (value instanceof String text) {
      return text;
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
