package cn.relief.engine.form;

import java.util.List;

/**
 * One input of a form-js form with the rules its {@code validate} block and options set.
 *
 * @param path where the value sits in the submitted variables: the key, under the {@code path}s
 *     of enclosing groups (e.g. {@code address.city})
 * @param options the allowed values of a select, radio, checklist or taglist with static
 *     {@code values}; null when any value is allowed or the options come from data
 * @param items for a dynamic list: the fields of each item; null otherwise
 * @param skipped hidden by a condition, read-only or disabled: not checked on the server, where
 *     the condition's outcome is not known
 */
public record FormField(
    List<String> path,
    String label,
    String type,
    boolean required,
    Double min,
    Double max,
    Integer minLength,
    Integer maxLength,
    String pattern,
    String validationType,
    List<Object> options,
    List<FormField> items,
    boolean skipped) {

  public String name() {
    return String.join(".", path);
  }
}
