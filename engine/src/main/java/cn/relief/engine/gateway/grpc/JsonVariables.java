package cn.relief.engine.gateway.grpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Converts between the JSON documents of the gateway protocol and the plain Java values the
 * engine API works with. Variable documents must be JSON objects, because each top-level property
 * becomes one variable.
 */
final class JsonVariables {
  /** Longest part of a rejected document echoed back in an error message. */
  private static final int MAX_ECHOED_CHARS = 120;

  // ObjectMapper is thread-safe once configured; one instance serves all calls. Trailing tokens
  // are rejected so that "{} []" is not silently read as an empty object.
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonVariables() {}

  /**
   * Parses a variables document of the given RPC. An empty (or blank) string means "no variables",
   * as the protocol fields are plain strings that default to "".
   *
   * @throws StatusRuntimeException with INVALID_ARGUMENT when the document is not a JSON object
   */
  static Map<String, Object> parse(String rpc, String json) {
    if (json == null || json.isBlank()) {
      return Collections.emptyMap();
    }
    final Object value;
    try {
      value = MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw invalid(rpc, json, "it was not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (value instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> variables = (Map<String, Object>) map;
      return variables;
    }
    throw invalid(rpc, json, "it was " + describe(value));
  }

  /** Serializes variables (or custom headers) as a JSON object; null becomes "{}". */
  static String write(Map<String, ?> variables) {
    if (variables == null || variables.isEmpty()) {
      return "{}";
    }
    try {
      return MAPPER.writeValueAsString(variables);
    } catch (JsonProcessingException e) {
      // The engine produced a value Jackson cannot write: a bug on our side, not the client's.
      throw new IllegalStateException("Failed to serialize variables as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static StatusRuntimeException invalid(String rpc, String json, String found) {
    String echoed = json.length() > MAX_ECHOED_CHARS ? json.substring(0, MAX_ECHOED_CHARS) + "..." : json;
    return Status.INVALID_ARGUMENT
        .withDescription(String.format(
            "Expected to handle gRPC request %s with variables '%s' as a JSON object, but %s",
            rpc, echoed, found))
        .asRuntimeException();
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof List<?>) {
      return "a JSON array";
    }
    if (value instanceof String) {
      return "a JSON string";
    }
    if (value instanceof Number) {
      return "a JSON number";
    }
    if (value instanceof Boolean) {
      return "a JSON boolean";
    }
    return "not a JSON object";
  }
}
