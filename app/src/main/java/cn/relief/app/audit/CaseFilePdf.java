package cn.relief.app.audit;

import cn.relief.workers.documents.ChinesePdf;
import cn.relief.workers.notices.NoticeProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The case file as a PDF for the record: the instance, the chain's verification, the timeline,
 * the who-did-what log and the variable history, with the notices' Chinese font
 * ({@code relief.notices.font-path}).
 */
@Component
class CaseFilePdf {
  private static final float TITLE_SIZE = 16;
  private static final float HEADING_SIZE = 12;
  private static final float TEXT_SIZE = 9;
  private static final String SEPARATOR = " · ";

  private final ChinesePdf pdf;

  CaseFilePdf(NoticeProperties properties) {
    this.pdf = new ChinesePdf(properties.fontPath(), properties.fontName());
  }

  /** @param label the page's text for a message key (the viewer's language) */
  byte[] write(CaseFile file, Function<String, String> label, String verification, String generated) {
    CaseSummary instance = file.instance();
    String title = label.apply("audit.pdf.title");
    try {
      return pdf.write(title, instance.caseNumber(), TEXT_SIZE, pages -> {
        pages.centred(title, TITLE_SIZE);
        pages.skip(TITLE_SIZE);
        line(pages, label.apply("audit.col.caseNumber") + "：" + orDash(instance.caseNumber()));
        line(pages, label.apply("audit.col.name") + "：" + orDash(instance.personName()));
        line(pages, label.apply("audit.col.station") + "：" + orDash(instance.stationId()));
        line(pages, label.apply("audit.col.process") + "：" + instance.processName() + "（"
            + instance.processInstanceKey() + "）");
        line(pages, label.apply("audit.col.state") + "：" + orDash(instance.state()) + SEPARATOR
            + instance.startText() + " — " + instance.endText());
        line(pages, label.apply("audit.case.verification") + "：" + verification);
        line(pages, generated);

        heading(pages, label.apply("audit.case.timeline"));
        for (TimelineStep step : file.timeline()) {
          line(pages, join(step.atText(), step.endedAtText(), label.apply("audit.kind." + step.kind().name()),
              step.process(), step.label(), step.state(), step.who(), step.detail()));
        }
        heading(pages, label.apply("audit.case.log"));
        for (LogEntry entry : file.log()) {
          line(pages, join(entry.atText(), entry.who(), entry.operation(), entry.process(), entry.elementId(),
              String.join(" ", entry.variableNames()), entry.assignee(),
              entry.accepted() ? label.apply("audit.outcome.accepted")
                  : label.apply("audit.outcome.rejected") + " " + orDash(entry.rejection())));
        }
        heading(pages, label.apply("audit.case.variables"));
        for (VariableChange change : file.variableHistory()) {
          line(pages, join(change.atText(), change.who(), change.operation(), change.elementId(),
              change.name() + " = " + change.value()));
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the case file of instance " + instance.processInstanceKey(), e);
    }
  }

  /** Control characters (a note's line breaks) have no glyph: they become spaces. */
  private static void line(ChinesePdf.Pages pages, String text) throws IOException {
    pages.paragraph(text.replaceAll("\\p{Cntrl}", " "));
  }

  private static void heading(ChinesePdf.Pages pages, String text) throws IOException {
    pages.skip(TEXT_SIZE);
    pages.centred(text, HEADING_SIZE);
  }

  /** The parts that have a value, separated. */
  private static String join(String... parts) {
    StringBuilder line = new StringBuilder();
    for (String part : parts) {
      if (part != null && !part.isBlank()) {
        line.append(line.isEmpty() ? "" : SEPARATOR).append(part);
      }
    }
    return line.toString();
  }

  private static String orDash(String value) {
    return value == null || value.isBlank() ? "—" : value;
  }
}
