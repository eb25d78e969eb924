package cn.relief.app.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisTest {

  @Test
  void aTallyCountsByRowAndColumnAndSortsByTotal() {
    Tally tally = new Tally(List.of("OPEN", "CLOSED"));
    tally.add("佛山市", "OPEN", 1);
    tally.add("广州市", "OPEN", 2);
    tally.add("广州市", "CLOSED", 3);
    tally.row("珠海市");
    assertThat(tally.total()).isEqualTo(6);
    assertThat(tally.sortedByTotal().rows().keySet()).containsExactly("广州市", "佛山市", "珠海市");
    assertThat(tally.rows().get("广州市")).containsExactly(2, 3);
    assertThatThrownBy(() -> tally.add("广州市", "LOST", 1)).hasMessageContaining("LOST");
  }

  @Test
  void thePeriodDefaultsToThirtyDaysAndStaysWithinAYear() {
    LocalDate[] given = AnalysisController.period("2026-11-01", "2026-11-30");
    assertThat(given).containsExactly(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30));
    LocalDate[] defaulted = AnalysisController.period(null, "2026-11-30");
    assertThat(defaulted[0]).isEqualTo(LocalDate.of(2026, 11, 1));
    assertThat(AnalysisController.period("2020-01-01", "2026-11-30")[0]).isEqualTo(LocalDate.of(2025, 11, 30));
    assertThat(AnalysisController.period("2026-12-31", "2026-11-30")[0]).as("from after to").isEqualTo(
        LocalDate.of(2026, 11, 30));
    assertThat(AnalysisController.period("yesterday", "2026-11-30")[0]).isEqualTo(LocalDate.of(2026, 11, 1));
    // dates no figures can have (and beyond what the database stores) fall back on the default
    assertThat(AnalysisController.period("2026-11-01", "+999999999-12-31")[1]).isEqualTo(LocalDate.now(
        java.time.ZoneId.of("Asia/Shanghai")));
    assertThat(AnalysisController.period("0001-01-01", "2026-11-30")[0]).isEqualTo(LocalDate.of(2026, 11, 1));
  }

  @Test
  void csvCellsAreQuotedAndCannotStartAFormula() {
    assertThat(AnalysisController.cell("广州市")).isEqualTo("广州市");
    assertThat(AnalysisController.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(AnalysisController.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(AnalysisController.cell("=HYPERLINK(\"x\")")).startsWith("\"'=HYPERLINK");
    assertThat(AnalysisController.cell("-1")).isEqualTo("'-1");
  }
}
