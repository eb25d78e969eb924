package cn.relief.workers.job;

import java.util.List;
import java.util.Map;

/**
 * Typed reads of a job's variables (its input mappings and the visible process variables). A missing
 * variable the worker cannot do without is a modelling fault: {@link #required} says which one.
 */
public record JobVariables(String jobType, Map<String, Object> values) {

  public Object required(String name) {
    Object value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "Expected variable '" + name + "' for job type '" + jobType + "' but it is missing or null");
    }
    return value;
  }

  public String string(String name) {
    Object value = values.get(name);
    return value == null ? null : value.toString();
  }

  public String requiredString(String name) {
    return required(name).toString();
  }

  public boolean flag(String name) {
    return Boolean.TRUE.equals(values.get(name));
  }

  public Integer integer(String name) {
    Object value = values.get(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Number number) {
      return number.intValue();
    }
    return Integer.valueOf(value.toString().trim());
  }

  public java.math.BigDecimal decimal(String name) {
    Object value = values.get(name);
    return value == null ? null : new java.math.BigDecimal(value.toString().trim());
  }

  public List<String> strings(String name) {
    Object value = values.get(name);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of(value.toString());
  }
}
