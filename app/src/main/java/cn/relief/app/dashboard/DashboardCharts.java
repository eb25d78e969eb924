package cn.relief.app.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns the figures into the dashboard's charts, with labels in the page's language. */
final class DashboardCharts {
  private final Function<String, String> messages;

  /** {@code messages} resolves a message key in the page's locale. */
  DashboardCharts(Function<String, String> messages) {
    this.messages = messages;
  }

  StackedBarChart byStage(Caseload caseload) {
    List<StackedBarChart.Row> rows = new ArrayList<>();
    for (CaseStage stage : CaseStage.values()) {
      rows.add(new StackedBarChart.Row(messages.apply(stage.messageKey()), caseload.count(stage)));
    }
    return StackedBarChart.of("chart-stages", messages.apply("dashboard.chart.stages"),
        List.of(new StackedBarChart.Series("cases", messages.apply("dashboard.cases"), "series-cases")), rows);
  }

  /** One bar per organisation, stacked by stage; {@code names} are the organisations' names by id. */
  StackedBarChart byOrganisation(Caseload caseload, Map<String, String> names) {
    List<StackedBarChart.Series> series = new ArrayList<>();
    for (CaseStage stage : CaseStage.values()) {
      series.add(new StackedBarChart.Series(stage.name(), messages.apply(stage.messageKey()),
          "stage-" + stage.ordinal()));
    }
    List<StackedBarChart.Row> rows = new ArrayList<>();
    caseload.byOrganisation().forEach((id, counts) -> rows.add(new StackedBarChart.Row(
        id.equals(Caseload.NO_ORGANISATION) ? messages.apply("dashboard.organisation.none") : names.getOrDefault(id, id),
        counts)));
    return StackedBarChart.of("chart-organisations", messages.apply("dashboard.chart.organisations"), series, rows);
  }

  StackedBarChart deadlines(DeadlineTally tally) {
    List<StackedBarChart.Series> series = new ArrayList<>();
    for (DeadlineStatus status : DeadlineStatus.values()) {
      series.add(new StackedBarChart.Series(status.name(), messages.apply(status.messageKey()), status.cssClass()));
    }
    List<StackedBarChart.Row> rows = new ArrayList<>();
    for (Deadline deadline : Deadline.values()) {
      rows.add(new StackedBarChart.Row(messages.apply(deadline.messageKey()), tally.counts(deadline)));
    }
    return StackedBarChart.of("chart-deadlines", messages.apply("dashboard.chart.deadlines"), series, rows);
  }
}
