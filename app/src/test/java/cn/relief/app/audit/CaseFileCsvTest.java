package cn.relief.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The case file's CSV: opens in Excel with its Chinese text, and no cell becomes a formula. */
class CaseFileCsvTest {
  private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-30T01:00:00Z");

  @Test
  void theCsvStartsWithAByteOrderMarkAndHoldsEverySection() {
    String csv = new String(CaseFileCsv.write(file("行李：背包一个"), code -> code), StandardCharsets.UTF_8);

    assertThat(csv).startsWith("\uFEFF\"audit.col.section\"");
    assertThat(csv.lines()).hasSize(4);
    assertThat(csv).contains("\"audit.case.timeline\",\"2026-11-30 09:00:00\"", "\"登记\"", "\"li.caseworker\"",
        "\"audit.case.log\"", "\"audit.case.variables\"", "\"行李：背包一个\"");
  }

  @Test
  void aCellAFormulaCouldHideInIsText() {
    String csv = new String(CaseFileCsv.write(file("=HYPERLINK(\"http://x\",\"y\")"), code -> code),
        StandardCharsets.UTF_8);

    assertThat(csv).contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    assertThat(CaseFileCsv.cell("+1")).isEqualTo("'+1");
    assertThat(CaseFileCsv.cell("-1")).isEqualTo("'-1");
    assertThat(CaseFileCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(CaseFileCsv.cell("张三")).isEqualTo("张三");
  }

  private static CaseFile file(String value) {
    CaseSummary instance = new CaseSummary(1L, "relief-case", "救助案件", "JZ-1", "张三", "org-station-tianhe",
        "COMPLETED", AT, AT.plusHours(1));
    TimelineStep step = new TimelineStep(AT, AT.plusMinutes(5), TimelineStep.Kind.ELEMENT, "救助案件", 1L,
        "UserTask_registration", "登记", "USER_TASK", "COMPLETED", "li.caseworker", null, 2L);
    LogEntry log = new LogEntry(5, AT, "li.caseworker", "COMPLETE_USER_TASK", "救助案件", "UserTask_registration", true,
        null, List.of("belongings"), null);
    VariableChange change = new VariableChange(5, AT, "li.caseworker", "COMPLETE_USER_TASK", "救助案件",
        "UserTask_securityCheck", "belongings", value);
    return new CaseFile(instance, 3L, Map.of(), List.of(), List.of(step), List.of(change), List.of(log),
        null, TrailAnswer.Status.AVAILABLE, TrailAnswer.none(TrailAnswer.Status.ABSENT));
  }
}
