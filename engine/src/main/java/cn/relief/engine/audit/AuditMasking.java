package cn.relief.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hides personal data in views of the audit trail: variable values, correlation keys and error
 * messages (which workers often fill with case details) become {@value #MASK}; variable names and
 * everything else stay. The stored entries keep the data: the hash covers it, and an auditor with
 * the right to see it reads it unmasked.
 */
public final class AuditMasking {
  public static final String MASK = "***";
  private static final Set<String> MASKED_FIELDS = Set.of("correlationKey", "errorMessage");

  private AuditMasking() {}

  /** Masks {@code request} in place and returns it. */
  public static JsonNode mask(JsonNode request) {
    if (!(request instanceof ObjectNode object)) {
      return request;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equals("variables") && field.getValue() instanceof ObjectNode variables) {
        List<String> names = new ArrayList<>();
        variables.fieldNames().forEachRemaining(names::add);
        names.forEach(name -> variables.set(name, TextNode.valueOf(MASK)));
      } else if (MASKED_FIELDS.contains(field.getKey()) && !field.getValue().isNull()) {
        field.setValue(TextNode.valueOf(MASK));
      }
    }
    return object;
  }
}
