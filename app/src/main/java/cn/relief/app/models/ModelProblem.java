package cn.relief.app.models;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A problem of a model: the element it is about ({@code null} for the whole model) and what is wrong. */
record ModelProblem(String elementId, String message) {
  /**
   * How rejections name elements: our engine ({@code Element 'x' (serviceTask): ...}, {@code user
   * task 'x' ...}) and Zeebe ({@code - Element: x}). Used only where no element ids come separately
   * (a deployment's rejection), so that the modeler can still mark the elements.
   */
  private static final Pattern ELEMENT = Pattern.compile("(?:Element '|user task '|Process '|Element: )([A-Za-z_][\\w.\\-]*)");

  /** The problems a rejection message lists, one per line, each with the element it names if any. */
  static List<ModelProblem> fromRejection(String message) {
    List<ModelProblem> problems = new ArrayList<>();
    for (String line : message == null ? new String[0] : message.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      Matcher matcher = ELEMENT.matcher(line);
      problems.add(new ModelProblem(matcher.find() ? matcher.group(1) : null, line.trim()));
    }
    return problems;
  }

  /** The ids the problems are about, in order, once each. */
  static Set<String> elementIds(List<ModelProblem> problems) {
    Set<String> ids = new LinkedHashSet<>();
    problems.stream().map(ModelProblem::elementId).filter(id -> id != null).forEach(ids::add);
    return ids;
  }
}
