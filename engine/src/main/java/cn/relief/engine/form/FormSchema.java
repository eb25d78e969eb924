package cn.relief.engine.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A deployed form-js form: its id (what user tasks link with {@code zeebe:formDefinition formId})
 * its version tag if it has one, and the inputs the server checks on completion. Layout-only
 * components (text, image, button, separator...) carry no value and are left out.
 */
public record FormSchema(String id, String versionTag, List<FormField> fields) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> CONTAINERS = Set.of("group", "iframe-group");
  private static final Set<String> WITH_OPTIONS = Set.of("select", "radio", "checklist", "taglist");

  /** Reads a {@code .form} resource; throws {@link FormSchemaException} saying what is wrong. */
  public static FormSchema parse(byte[] content) {
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (JsonProcessingException e) {
      throw new FormSchemaException("expected a form-js schema in JSON, but it is not valid JSON: "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw new FormSchemaException("expected a form-js schema in JSON, but it could not be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new FormSchemaException("expected a form-js schema (a JSON object), but found something else");
    }
    String id = root.path("id").asText("");
    if (id.isBlank()) {
      throw new FormSchemaException("expected the form to have an 'id', but it has none");
    }
    if (!root.path("components").isArray()) {
      throw new FormSchemaException("expected the form '" + id + "' to have a 'components' list, but it has none");
    }
    List<FormField> fields = new ArrayList<>();
    collect(root.path("components"), List.of(), false, fields);
    return new FormSchema(id, text(root, "versionTag"), List.copyOf(fields));
  }

  private static void collect(JsonNode components, List<String> parentPath, boolean parentSkipped,
      List<FormField> fields) {
    for (JsonNode component : components) {
      String type = component.path("type").asText("");
      boolean skipped = parentSkipped || component.path("conditional").path("hide").isTextual()
          || component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
      if (CONTAINERS.contains(type)) {
        collect(component.path("components"), append(parentPath, component.path("path").asText("")), skipped, fields);
      } else if ("dynamiclist".equals(type)) {
        List<FormField> items = new ArrayList<>();
        collect(component.path("components"), List.of(), false, items);
        fields.add(new FormField(append(parentPath, component.path("path").asText("")),
            component.path("label").asText(null), type, false, null, null, null, null, null, null, null,
            List.copyOf(items), skipped));
      } else if (component.hasNonNull("key")) {
        fields.add(field(component, type, append(parentPath, component.path("key").asText()), skipped));
      }
    }
  }

  /** form-js labels a datetime field with dateLabel (and timeLabel), not label. */
  private static String label(JsonNode component) {
    for (String name : new String[] {"label", "dateLabel", "timeLabel"}) {
      if (component.path(name).isTextual()) {
        return component.path(name).asText();
      }
    }
    return null;
  }

  private static FormField field(JsonNode component, String type, List<String> path, boolean skipped) {
    JsonNode validate = component.path("validate");
    List<Object> options = null;
    if (WITH_OPTIONS.contains(type) && component.path("values").isArray()) {
      options = new ArrayList<>();
      for (JsonNode option : component.path("values")) {
        options.add(JSON.convertValue(option.path("value"), Object.class));
      }
    }
    return new FormField(path, label(component), type, validate.path("required").asBoolean(false),
        number(validate, "min"), number(validate, "max"), integer(validate, "minLength"),
        integer(validate, "maxLength"), text(validate, "pattern"), text(validate, "validationType"), options, null,
        skipped);
  }

  private static List<String> append(List<String> path, String segments) {
    List<String> result = new ArrayList<>(path);
    for (String segment : segments.split("\\.")) {
      if (!segment.isBlank()) {
        result.add(segment);
      }
    }
    return List.copyOf(result);
  }

  private static Double number(JsonNode node, String name) {
    JsonNode value = node.path(name);
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (value.isTextual() && !value.asText().isBlank()) {
      try {
        return Double.valueOf(value.asText().trim());
      } catch (NumberFormatException e) {
        return null; // an expression ('=...') is evaluated in the browser only
      }
    }
    return null;
  }

  private static Integer integer(JsonNode node, String name) {
    Double value = number(node, name);
    return value == null ? null : value.intValue();
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.path(name);
    return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }
}
