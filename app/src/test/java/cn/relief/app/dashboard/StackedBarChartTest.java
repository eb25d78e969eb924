package cn.relief.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackedBarChartTest {
  private static final StackedBarChart.Series MET = new StackedBarChart.Series("MET", "met", "status-met");
  private static final StackedBarChart.Series MISSED = new StackedBarChart.Series("MISSED", "missed", "status-missed");

  @Test
  void theLongestTotalFillsTheBarAndSegmentsStackFromTheLeft() {
    StackedBarChart chart = StackedBarChart.of("c", "title", List.of(MET, MISSED),
        List.of(new StackedBarChart.Row("a", 1, 2), new StackedBarChart.Row("b", 6, 0)));
    StackedBarChart.Bar a = chart.bars().get(0);
    assertThat(a.total()).isEqualTo(3);
    assertThat(a.segments()).extracting(StackedBarChart.Segment::x).containsExactly(0.0, 45.0);
    assertThat(a.segments()).extracting(StackedBarChart.Segment::width).containsExactly(45.0, 90.0);
    StackedBarChart.Bar b = chart.bars().get(1);
    assertThat(b.segments()).hasSize(1);
    assertThat(b.segments().get(0).width()).isEqualTo(StackedBarChart.BAR_LENGTH);
    assertThat(b.y()).isEqualTo(StackedBarChart.ROW_HEIGHT);
    assertThat(chart.height()).isEqualTo(2 * StackedBarChart.ROW_HEIGHT);
    assertThat(chart.total()).isEqualTo(9);
    assertThat(chart.value(a, MISSED)).isEqualTo(2);
    assertThat(chart.value(b, MISSED)).isZero();
  }

  @Test
  void emptyRowsDrawNoSegmentsAndTheTotalStaysVisible() {
    StackedBarChart chart = StackedBarChart.of("c", "t", List.of(MET), List.of(new StackedBarChart.Row("none", 0)));
    assertThat(chart.bars().get(0).segments()).isEmpty();
    assertThat(chart.bars().get(0).totalX()).isPositive();
    assertThat(chart.stacked()).isFalse();
  }

  @Test
  void aRowMustHaveOneValuePerSeries() {
    assertThatThrownBy(() -> StackedBarChart.of("c", "t", List.of(MET, MISSED),
        List.of(new StackedBarChart.Row("a", 1)))).hasMessageContaining("Expected 2 values in row 'a'");
  }

  @Test
  void theDashboardsChartsCarryTheCountsWithTranslatedLabels() {
    Caseload caseload = new Caseload();
    caseload.add("org-station-tianhe", CaseStage.INTAKE);
    caseload.add("org-station-tianhe", CaseStage.CARE);
    caseload.add(null, CaseStage.CARE);
    DashboardCharts charts = new DashboardCharts(key -> "[" + key + "]");
    StackedBarChart stages = charts.byStage(caseload);
    assertThat(stages.bars()).hasSize(CaseStage.values().length);
    assertThat(stages.bars().get(CaseStage.CARE.ordinal()).total()).isEqualTo(2);
    assertThat(stages.bars().get(0).label()).isEqualTo("[dashboard.stage.INTAKE]");
    StackedBarChart organisations = charts.byOrganisation(caseload, Map.of("org-station-tianhe", "天河站"));
    assertThat(organisations.bars()).extracting(StackedBarChart.Bar::label)
        .containsExactly("[dashboard.organisation.none]", "天河站");
    assertThat(organisations.bars().get(1).total()).isEqualTo(2);
    DeadlineTally tally = new DeadlineTally();
    tally.add(Deadline.DNA_REQUEST, java.time.Instant.EPOCH, null, java.time.Instant.now());
    StackedBarChart deadlines = charts.deadlines(tally);
    assertThat(deadlines.stacked()).isTrue();
    assertThat(deadlines.value(deadlines.bars().get(Deadline.DNA_REQUEST.ordinal()), deadlines.series().get(
        DeadlineStatus.MISSED.ordinal()))).isEqualTo(1);
  }
}
