package cn.relief.engine.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the audit trail records about a command when it is submitted: the operation, the keys it
 * targets and the request's data (variables, resource names and digests, message names, error
 * codes...). Data is kept as sent, personal data included; views mask it ({@link AuditMasking}).
 *
 * @param operation e.g. {@code DEPLOY}, {@code COMPLETE_JOB}
 * @param target key name to key (or id), e.g. {@code jobKey}
 * @param data JSON-able request data
 */
public record AuditRequest(String operation, Map<String, Object> target, Map<String, Object> data) {

  public AuditRequest {
    Objects.requireNonNull(operation, "operation");
    target = target == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(target));
    data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  public static Builder of(String operation) {
    return new Builder(operation);
  }

  /** Builds a request, leaving out null values (so that absent optional fields are not recorded as null). */
  public static final class Builder {
    private final String operation;
    private final Map<String, Object> target = new LinkedHashMap<>();
    private final Map<String, Object> data = new LinkedHashMap<>();

    private Builder(String operation) {
      this.operation = operation;
    }

    public Builder target(String name, Object value) {
      if (value != null) {
        target.put(name, value);
      }
      return this;
    }

    public Builder data(String name, Object value) {
      if (value != null) {
        data.put(name, value);
      }
      return this;
    }

    public AuditRequest build() {
      return new AuditRequest(operation, target, data);
    }
  }
}
