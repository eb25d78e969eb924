package cn.relief.app.tasks;

import cn.relief.forms.ResidentIdNumber;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A task form's rules checked again on the server, before the values go to the engine: the browser's
 * checks can be skipped, and the page can show the problems on the fields in the user's language
 * (the engine checks the same rules but answers in one English sentence). Fields hidden by a
 * condition, read-only or disabled are left to the browser, as the engine leaves them; an identity
 * number field (the pattern of {@link ResidentIdNumber}) also gets its check character checked.
 */
final class FormRules {
  private static final Set<String> CONTAINERS = Set.of("group", "iframe", "spacer", "separator", "table", "html",
      "text", "image", "button", "documentPreview");
  private static final Set<String> WITH_OPTIONS = Set.of("radio", "select", "checklist", "taglist");

  /** A broken rule: the field's key and the message code ({@code tasks.field.*}) with its arguments. */
  record Problem(String field, String code, Object... args) {}

  private FormRules() {}

  /**
   * The top-level keys of the form's editable fields: the only variables a completion through this
   * form may set (read-only and disabled fields are left out).
   */
  static Set<String> keys(JsonNode schema) {
    Set<String> keys = new LinkedHashSet<>();
    collectKeys(schema.path("components"), keys);
    return keys;
  }

  /** The problems of the submitted values, in the form's order, at most one per field. */
  static List<Problem> check(JsonNode schema, Map<String, Object> values) {
    List<Problem> problems = new ArrayList<>();
    check(schema.path("components"), values, false, problems);
    return problems;
  }

  /** The field's label by key, for messages that name a field (the engine's refusals). */
  static Map<String, String> labels(JsonNode schema) {
    Map<String, String> labels = new LinkedHashMap<>();
    collectLabels(schema.path("components"), labels);
    return labels;
  }

  private static void collectKeys(JsonNode components, Set<String> keys) {
    for (JsonNode component : components) {
      // a read-only or disabled field shows a value, it does not set one: a request cannot either
      // (an agency filing its opinion under another's name, a deadline moved)
      if (component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false)) {
        continue;
      }
      if (component.hasNonNull("key")) {
        keys.add(component.path("key").asText().split("\\.")[0]);
      } else if (component.hasNonNull("path") && !component.path("path").asText().isBlank()) {
        keys.add(component.path("path").asText().split("\\.")[0]);
      } else {
        collectKeys(component.path("components"), keys);
      }
    }
  }

  private static void collectLabels(JsonNode components, Map<String, String> labels) {
    for (JsonNode component : components) {
      if (component.hasNonNull("key") && component.path("label").isTextual()) {
        labels.put(component.path("key").asText(), component.path("label").asText());
      }
      collectLabels(component.path("components"), labels);
    }
  }

  private static void check(JsonNode components, Map<String, Object> values, boolean parentSkipped,
      List<Problem> problems) {
    for (JsonNode component : components) {
      boolean skipped = parentSkipped || component.path("conditional").path("hide").isTextual()
          || component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
      String type = component.path("type").asText("");
      if ("group".equals(type) && !component.hasNonNull("path")) {
        check(component.path("components"), values, skipped, problems);
      } else if (component.hasNonNull("key") && !skipped && !CONTAINERS.contains(type)) {
        String key = component.path("key").asText();
        String code = problem(component, type, values.get(key));
        if (code != null) {
          JsonNode validate = component.path("validate");
          problems.add(new Problem(key, code, argument(code, validate)));
        }
      }
    }
  }

  private static Object argument(String code, JsonNode validate) {
    return switch (code) {
      case "tasks.field.minLength" -> validate.path("minLength").asInt();
      case "tasks.field.maxLength" -> validate.path("maxLength").asInt();
      case "tasks.field.min" -> plain(validate.path("min").decimalValue());
      case "tasks.field.max" -> plain(validate.path("max").decimalValue());
      default -> "";
    };
  }

  private static String problem(JsonNode component, String type, Object value) {
    JsonNode validate = component.path("validate");
    if (isEmpty(type, value)) {
      return validate.path("required").asBoolean(false) ? "tasks.field.required" : null;
    }
    if (WITH_OPTIONS.contains(type) && component.path("values").isArray()) {
      Collection<?> chosen = value instanceof Collection<?> many ? many : List.of(value);
      for (Object one : chosen) {
        boolean known = false;
        for (JsonNode option : component.path("values")) {
          known |= option.path("value").asText().equals(String.valueOf(one));
        }
        if (!known) {
          return "tasks.field.option";
        }
      }
      return null;
    }
    if ("number".equals(type)) {
      BigDecimal number = number(value);
      if (number == null) {
        return "tasks.field.number";
      }
      if (validate.has("min") && number.compareTo(validate.path("min").decimalValue()) < 0) {
        return "tasks.field.min";
      }
      if (validate.has("max") && number.compareTo(validate.path("max").decimalValue()) > 0) {
        return "tasks.field.max";
      }
      return null;
    }
    if (!(value instanceof String text)) {
      return null; // checkboxes and dates have no text rules
    }
    int length = text.codePointCount(0, text.length());
    if (validate.has("minLength") && length < validate.path("minLength").asInt()) {
      return "tasks.field.minLength";
    }
    if (validate.has("maxLength") && length > validate.path("maxLength").asInt()) {
      return "tasks.field.maxLength";
    }
    String pattern = validate.path("pattern").asText(null);
    if (pattern != null && !matches(pattern, text)) {
      return "tasks.field.pattern";
    }
    if (ResidentIdNumber.PATTERN.equals(pattern) && !ResidentIdNumber.isValid(text.trim())) {
      return "tasks.field.idNumber";
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

  private static boolean isEmpty(String type, Object value) {
    if (value == null) {
      return true;
    }
    if (value instanceof String text) {
      return text.isBlank();
    }
    if (value instanceof Collection<?> many) {
      return many.isEmpty();
    }
    return "checkbox".equals(type) && Boolean.FALSE.equals(value); // a required checkbox must be ticked
  }

  private static BigDecimal number(Object value) {
    if (value instanceof Number number) {
      return new BigDecimal(number.toString());
    }
    try {
      return value instanceof String text ? new BigDecimal(text.trim()) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
