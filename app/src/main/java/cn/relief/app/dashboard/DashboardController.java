package cn.relief.app.dashboard;

import cn.relief.app.security.EngineUser;
import cn.relief.app.security.EngineUserDirectory;
import cn.relief.app.security.UserEngineClients;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The dashboard: caseload, deadlines and incidents as charts with their tables, for every logged-in user. */
@Controller
class DashboardController {
  private final UserEngineClients clients;
  private final DashboardReader reader;
  private final EngineUserDirectory directory;
  private final MessageSource messages;

  DashboardController(UserEngineClients clients, DashboardReader reader, EngineUserDirectory directory,
      MessageSource messages) {
    this.clients = clients;
    this.reader = reader;
    this.directory = directory;
    this.messages = messages;
  }

  @GetMapping("/dashboard")
  String dashboard(@AuthenticationPrincipal EngineUser user, HttpSession session, Locale locale, Model model) {
    CamundaClient client = clients.require(session);
    // the Camunda 8.8 API lets a client pin the engine's clock but not read it: the system's time it is
    Instant now = Instant.now();
    DashboardFigures figures;
    try {
      figures = reader.read(client, user, now);
    } catch (ClientHttpException e) {
      if (e.code() != 403) {
        throw e;
      }
      // the engine grants this user no reading of cases (policy staff by default): say so, show no zeros
      model.addAttribute("refused", true);
      return "dashboard/dashboard";
    }
    DashboardCharts charts = new DashboardCharts(key -> messages.getMessage(key, null, key, locale));
    // organisation names are no personal data; the app reads them as it does at login
    Map<String, String> organisations = directory.organisations();
    model.addAttribute("figures", figures);
    model.addAttribute("charts", List.of(charts.byStage(figures.caseload()),
        charts.byOrganisation(figures.caseload(), organisations), charts.deadlines(figures.deadlines())));
    model.addAttribute("now", now);
    return "dashboard/dashboard";
  }
}
