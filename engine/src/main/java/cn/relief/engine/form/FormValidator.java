package cn.relief.engine.form;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks submitted variables against a form's own rules, as the browser did before submitting
 * (required, min/max, min/max length, pattern, e-mail and phone, allowed options): a client that
 * skips the browser, or an old form in a cached page, must not complete a task with values the
 * form forbids. Variables the form has no field for are not its business and pass.
 */
public final class FormValidator {
  // form-js offers these as "Email" and "Phone" validation types
  private static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$");
  private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()\\-]{5,}$");

  private FormValidator() {}

  public static List<FieldViolation> validate(FormSchema form, Map<String, Object> variables) {
    List<FieldViolation> violations = new ArrayList<>();
    validate(form.fields(), variables == null ? Map.of() : variables, "", violations);
    return violations;
  }

  private static void validate(List<FormField> fields, Map<?, ?> values, String prefix,
      List<FieldViolation> violations) {
    for (FormField field : fields) {
      if (field.skipped()) {
        continue;
      }
      String name = prefix + field.name();
      Object value = valueAt(values, field.path());
      if (field.items() != null) {
        if (value instanceof List<?> items) {
          for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Map<?, ?> item) {
              validate(field.items(), item, name + "[" + i + "].", violations);
            }
          }
        }
        continue;
      }
      String problem = problem(field, value);
      if (problem != null) {
        violations.add(new FieldViolation(name, field.label(), problem));
      }
    }
  }

  private static String problem(FormField field, Object value) {
    if (isEmpty(field, value)) {
      return field.required() ? "is required" : null;
    }
    if (field.options() != null) {
      Collection<?> chosen = value instanceof Collection<?> many ? many : List.of(value);
      for (Object one : chosen) {
        if (field.options().stream().noneMatch(option -> sameValue(option, one))) {
          return "expected one of " + field.options() + ", but got " + one;
        }
      }
      return null;
    }
    if ("number".equals(field.type())) {
      BigDecimal number = number(value);
      if (number == null) {
        return "expected a number, but got " + value;
      }
      if (field.min() != null && number.compareTo(BigDecimal.valueOf(field.min())) < 0) {
        return "expected at least " + plain(field.min()) + ", but got " + number.toPlainString();
      }
      if (field.max() != null && number.compareTo(BigDecimal.valueOf(field.max())) > 0) {
        return "expected at most " + plain(field.max()) + ", but got " + number.toPlainString();
      }
      return null;
    }
    if (!(value instanceof String text)) {
      return null; // checkboxes, dates and other values have no text rules
    }
    int length = text.codePointCount(0, text.length());
    if (field.minLength() != null && length < field.minLength()) {
      return "expected at least " + field.minLength() + " characters, but got " + length;
    }
    if (field.maxLength() != null && length > field.maxLength()) {
      return "expected at most " + field.maxLength() + " characters, but got " + length;
    }
    if ("email".equalsIgnoreCase(field.validationType()) && !EMAIL.matcher(text).matches()) {
      return "expected an e-mail address";
    }
    if ("phone".equalsIgnoreCase(field.validationType()) && !PHONE.matcher(text).matches()) {
      return "expected a phone number";
    }
    if (field.pattern() != null && !matches(field.pattern(), text)) {
      return "expected to match the pattern " + field.pattern();
    }
    return null;
  }

  /** Like JavaScript's {@code RegExp.test}, which form-js uses: a match anywhere unless anchored. */
  private static boolean matches(String pattern, String text) {
    try {
      return Pattern.compile(pattern).matcher(text).find();
    } catch (PatternSyntaxException e) {
      return true; // a pattern Java cannot read is the browser's to check
    }
  }

  private static boolean isEmpty(FormField field, Object value) {
    if (value == null) {
      return true;
    }
    if (value instanceof String text) {
      return text.isBlank();
    }
    if (value instanceof Collection<?> many) {
      return many.isEmpty();
    }
    // a required checkbox must be ticked
    return "checkbox".equals(field.type()) && Boolean.FALSE.equals(value);
  }

  private static Object valueAt(Map<?, ?> values, List<String> path) {
    Object current = values;
    for (String segment : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(segment);
    }
    return current;
  }

  private static boolean sameValue(Object option, Object value) {
    if (Objects.equals(option, value)) {
      return true;
    }
    BigDecimal a = number(option);
    BigDecimal b = number(value);
    return a != null && b != null && a.compareTo(b) == 0 && option instanceof Number && value instanceof Number;
  }

  private static BigDecimal number(Object value) {
    if (value instanceof Number number) {
      return new BigDecimal(number.toString());
    }
    if (value instanceof String text) {
      try {
        return new BigDecimal(text.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static String plain(Double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
