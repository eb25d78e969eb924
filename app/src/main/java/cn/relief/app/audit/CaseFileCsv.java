package cn.relief.app.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The case file as CSV: the timeline, the who-did-what log and the variable history, one section
 * after the other under one header. UTF-8 with a byte-order mark, so that Excel opens the Chinese
 * text as such; every cell quoted, and a cell that a spreadsheet would take for a formula (starting
 * with = + - @, a tab or a carriage return) prefixed with ' (CSV injection).
 */
final class CaseFileCsv {
  private static final String BOM = "\uFEFF";

  private CaseFileCsv() {}

  /** @param label the page's text for a message key (the viewer's language) */
  static byte[] write(CaseFile file, Function<String, String> label) {
    StringBuilder csv = new StringBuilder(BOM);
    row(csv, List.of(label.apply("audit.col.section"), label.apply("audit.col.time"), label.apply("audit.col.end"),
        label.apply("audit.col.who"), label.apply("audit.col.operation"), label.apply("audit.col.process"),
        label.apply("audit.col.element"), label.apply("audit.col.name"), label.apply("audit.col.value"),
        label.apply("audit.col.outcome")));
    String timeline = label.apply("audit.case.timeline");
    for (TimelineStep step : file.timeline()) {
      row(csv, List.of(timeline, step.atText(), step.endedAtText(), orEmpty(step.who()),
          label.apply("audit.kind." + step.kind().name()), orEmpty(step.process()), orEmpty(step.elementId()),
          orEmpty(step.label()), orEmpty(step.detail()), orEmpty(step.state())));
    }
    String log = label.apply("audit.case.log");
    for (LogEntry entry : file.log()) {
      row(csv, List.of(log, entry.atText(), "", orEmpty(entry.who()), entry.operation(), orEmpty(entry.process()),
          orEmpty(entry.elementId()), String.join(" ", entry.variableNames()), orEmpty(entry.assignee()),
          entry.accepted() ? label.apply("audit.outcome.accepted")
              : label.apply("audit.outcome.rejected") + " " + orEmpty(entry.rejection())));
    }
    String variables = label.apply("audit.case.variables");
    for (VariableChange change : file.variableHistory()) {
      row(csv, List.of(variables, change.atText(), "", orEmpty(change.who()), change.operation(),
          orEmpty(change.process()), orEmpty(change.elementId()), change.name(), orEmpty(change.value()), ""));
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void row(StringBuilder csv, List<String> cells) {
    List<String> quoted = new ArrayList<>();
    for (String cell : cells) {
      quoted.add('"' + cell(cell).replace("\"", "\"\"") + '"');
    }
    csv.append(String.join(",", quoted)).append("\r\n");
  }

  /** A cell a spreadsheet would evaluate is made text. */
  static String cell(String value) {
    if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
      return "'" + value;
    }
    return value;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
