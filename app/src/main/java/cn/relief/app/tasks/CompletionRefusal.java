package cn.relief.app.tasks;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's refusal of a completion put on the form's fields: a rejection by the form's rules
 * names each field ({@code key (label): problem; ...}), a task listener's denial gives a reason in
 * words, which belongs to the field whose label (or key) it mentions, or to the whole form.
 */
final class CompletionRefusal {
  /** The key under which a refusal that names no field is shown, above the form. */
  static final String WHOLE_FORM = "_form";

  private static final Pattern FORM_RULES = Pattern.compile("field\\(s\\) do not: (.*)$", Pattern.DOTALL);
  private static final Pattern FIELD = Pattern.compile("^\\s*([\\w.\\[\\]]+)(?: \\([^)]*\\))?: (.*)$", Pattern.DOTALL);

  private CompletionRefusal() {}

  /** The refusal's messages by field key; {@code labels} are the form's labels by key. */
  static Map<String, String> byField(String detail, Map<String, String> labels) {
    Map<String, String> fields = new LinkedHashMap<>();
    String text = detail == null ? "" : detail;
    Matcher rules = FORM_RULES.matcher(text);
    if (rules.find()) {
      for (String part : rules.group(1).split("; ")) {
        Matcher field = FIELD.matcher(part);
        if (field.matches()) {
          fields.putIfAbsent(field.group(1).split("[.\\[]")[0], field.group(2).trim());
        }
      }
      if (!fields.isEmpty()) {
        return fields;
      }
    }
    // a listener's reason: the field it names, the longest label first (公民身份号码 before 身份)
    String field = labels.entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getValue().length()).reversed())
        .filter(e -> !e.getValue().isBlank() && text.contains(e.getValue()))
        .map(Map.Entry::getKey).findFirst()
        .orElseGet(() -> labels.keySet().stream().filter(key -> text.matches("(?s).*\\b" + Pattern.quote(key) + "\\b.*"))
            .findFirst().orElse(WHOLE_FORM));
    fields.put(field, text);
    return fields;
  }
}
