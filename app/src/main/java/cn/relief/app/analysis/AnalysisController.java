package cn.relief.app.analysis;

import cn.relief.app.dashboard.StackedBarChart;
import cn.relief.app.security.EngineUser;
import cn.relief.app.security.ReliefRole;
import cn.relief.app.security.UserEngineClients;
import io.camunda.client.CamundaClient;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Analysis (数据分析): discovery reports by area, by source against the outcome and day by day, and
 * cases by target group against the admission decision, for a period (default the last 30 days);
 * the same figures as CSV. A station head sees their station's, the regional centre, auditors,
 * policy staff and administrators every station's.
 */
@Controller
class AnalysisController {
  static final int MAX_DAYS = 366;
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final ReportFigures reports;
  private final UserEngineClients clients;
  private final MessageSource messages;

  AnalysisController(ReportFigures reports, UserEngineClients clients, MessageSource messages) {
    this.reports = reports;
    this.clients = clients;
    this.messages = messages;
  }

  /** The four tables of the period, by their chart id, in page order. */
  private Map<String, Tally> figures(CamundaClient client, EngineUser user, LocalDate from, LocalDate to) {
    String station = user.hasAnyRole(ReliefRole.REGIONAL_CENTRE, ReliefRole.AUDITOR, ReliefRole.POLICY_STAFF,
        ReliefRole.ADMIN) ? null : user.organisationId();
    if (station == null && !user.hasAnyRole(ReliefRole.REGIONAL_CENTRE, ReliefRole.AUDITOR, ReliefRole.POLICY_STAFF,
        ReliefRole.ADMIN)) {
      throw new AccessDeniedException(user.username() + " belongs to no station"); // null means every station's
    }
    Map<String, Tally> figures = new LinkedHashMap<>();
    figures.put("reports-by-area", reports.byArea(from, to, station));
    figures.put("reports-by-source", reports.bySource(from, to, station));
    figures.put("reports-by-day", reports.byDay(from, to, station));
    figures.put("cases-by-group", CaseFigures.byGroup(client, from, to, station));
    return figures;
  }

  @GetMapping("/analysis")
  String analysis(@AuthenticationPrincipal EngineUser user, HttpSession session, Locale locale, Model model,
      @RequestParam(name = "from", required = false) String from, @RequestParam(name = "to", required = false) String to) {
    LocalDate[] period = period(from, to);
    List<StackedBarChart> charts = new ArrayList<>();
    figures(clients.require(session), user, period[0], period[1]).forEach((id, tally) -> charts.add(chart(id, tally,
        locale)));
    model.addAttribute("charts", charts);
    model.addAttribute("from", period[0]);
    model.addAttribute("to", period[1]);
    return "analysis/analysis";
  }

  @GetMapping("/analysis/export.csv")
  ResponseEntity<byte[]> csv(@AuthenticationPrincipal EngineUser user, HttpSession session, Locale locale,
      @RequestParam(name = "from", required = false) String from, @RequestParam(name = "to", required = false) String to) {
    LocalDate[] period = period(from, to);
    StringBuilder csv = new StringBuilder("\uFEFFtable,row,column,count\r\n");
    figures(clients.require(session), user, period[0], period[1]).forEach((id, tally) -> tally.rows()
        .forEach((row, values) -> {
          for (int i = 0; i < values.length; i++) {
            csv.append(cell(title(id, locale))).append(',').append(cell(label(row, locale))).append(',')
                .append(cell(label(tally.columns().get(i), locale))).append(',').append(values[i]).append("\r\n");
          }
        }));
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("analysis-" + period[0] + "-" + period[1] + ".csv").build().toString())
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .body(csv.toString().getBytes(StandardCharsets.UTF_8));
  }

  private StackedBarChart chart(String id, Tally tally, Locale locale) {
    List<StackedBarChart.Series> series = new ArrayList<>();
    for (int i = 0; i < tally.columns().size(); i++) {
      series.add(new StackedBarChart.Series(tally.columns().get(i), label(tally.columns().get(i), locale),
          "stage-" + i));
    }
    List<StackedBarChart.Row> rows = new ArrayList<>();
    tally.rows().forEach((row, values) -> rows.add(new StackedBarChart.Row(label(row, locale), values)));
    return StackedBarChart.of(id, title(id, locale), series, rows);
  }

  private String title(String id, Locale locale) {
    return messages.getMessage("analysis.chart." + id, null, id, locale);
  }

  /** Codes (outcomes, sources, groups, decisions) in words; areas and days as they are. */
  private String label(String code, Locale locale) {
    return messages.getMessage("analysis.label." + code, null, code, locale);
  }

  /** A CSV cell: quoted when it holds a separator or quote; a leading = + - @ cannot start a formula. */
  static String cell(String text) {
    String value = text == null ? "" : text;
    if (!value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0) {
      value = "'" + value;
    }
    return value.contains(",") || value.contains("\"") || value.contains("\n")
        ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  /** The period asked for, or the last 30 days; at most a year, from not after to. */
  static LocalDate[] period(String from, String to) {
    LocalDate today = LocalDate.now(CHINA);
    LocalDate end = date(to, today);
    LocalDate start = date(from, end.minusDays(29));
    if (start.isAfter(end)) {
      start = end;
    }
    if (start.plusDays(MAX_DAYS).isBefore(end)) {
      start = end.minusDays(MAX_DAYS - 1);
    }
    return new LocalDate[] {start, end};
  }

  /** A date of the form, or {@code otherwise}: also for one outside 2000-2100 (no figures there, and the database's range ends). */
  private static LocalDate date(String text, LocalDate otherwise) {
    try {
      LocalDate date = text == null || text.isBlank() ? otherwise : LocalDate.parse(text.strip());
      return date.getYear() < 2000 || date.getYear() > 2100 ? otherwise : date;
    } catch (DateTimeParseException e) {
      return otherwise;
    }
  }
}
