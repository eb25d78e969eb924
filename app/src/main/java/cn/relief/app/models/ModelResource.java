package cn.relief.app.models;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A model as the editors send it: the resource name (its kind by extension, as the engine tells
 * them apart) and the text. Rejects names that are not plain file names, and empty content.
 */
record ModelResource(String resourceName, String content) {
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_.\\-]{1,200}\\.(bpmn|dmn|form)");

  enum Kind { PROCESS, DECISION, FORM }

  ModelResource {
    if (resourceName == null || !NAME.matcher(resourceName).matches() || resourceName.contains("..")) {
      throw new IllegalArgumentException("Expected a resource name like 'relief-case.bpmn', 'admission.dmn' or "
          + "'relief-intake.form' (letters, digits, '.', '_', '-'), but got '" + resourceName + "'");
    }
    if (content == null || content.isBlank()) {
      throw new IllegalArgumentException("Expected the model's content, but it is empty");
    }
  }

  Kind kind() {
    String lower = resourceName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".bpmn") ? Kind.PROCESS : lower.endsWith(".dmn") ? Kind.DECISION : Kind.FORM;
  }
}
