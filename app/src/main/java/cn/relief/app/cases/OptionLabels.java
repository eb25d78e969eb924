package cn.relief.app.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The words the task forms show for coded values ({@code MALE} is 男, {@code PUBLIC_REPORT}
 * 群众报告): a case's page shows a value as the caseworker chose it. Read once from the forms of
 * module {@code forms} on the class path; a value no form offers is shown as it is.
 */
@Component
class OptionLabels {
  private final Map<String, Map<String, String>> labels = new HashMap<>();

  OptionLabels() {
    try {
      for (Resource form : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form")) {
        try (InputStream in = form.getInputStream()) {
          collect(new ObjectMapper().readTree(in).path("components"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the task forms' option labels", e);
    }
  }

  /** The label of the field's value, or the value itself. */
  Object label(String field, Object value) {
    Map<String, String> options = labels.get(field);
    return options == null || value == null ? value : options.getOrDefault(String.valueOf(value), String.valueOf(value));
  }

  private void collect(JsonNode components) {
    for (JsonNode component : components) {
      if (component.hasNonNull("key") && component.path("values").isArray()) {
        Map<String, String> options = labels.computeIfAbsent(component.path("key").asText(), k -> new HashMap<>());
        for (JsonNode option : component.path("values")) {
          options.putIfAbsent(option.path("value").asText(), option.path("label").asText());
        }
      }
      collect(component.path("components"));
    }
  }
}
