package cn.relief.engine.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Writes an audit entry's target and request maps as the JSON text that is stored and hashed. */
public final class AuditJson {
  private AuditJson() {}

  public static String write(ObjectMapper json, Map<String, Object> values) {
    try {
      return json.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      // the command is still recorded; only its data could not be written
      return "{\"unwritableRequest\":" + quote(e.getOriginalMessage()) + "}";
    }
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : String.valueOf(text).toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
