package cn.relief.app.operations;

import cn.relief.app.security.EngineUser;
import cn.relief.app.security.UserEngineClients;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.search.response.Incident;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Operations (station heads, administrators): open incidents with their cause, and retry after a fix. */
@Controller
class OperationsController {
  static final int MAX_RETRIES = 10;

  private final UserEngineClients clients;
  private final IncidentBoard board;

  OperationsController(UserEngineClients clients, IncidentBoard board) {
    this.clients = clients;
    this.board = board;
  }

  @GetMapping("/operations")
  String incidents(@AuthenticationPrincipal EngineUser user, HttpSession session, Model model) {
    model.addAttribute("incidents", board.openIncidents(clients.require(session), user));
    return "operations/operations";
  }

  @PostMapping("/operations/incidents/{incidentKey}/retry")
  String retry(@AuthenticationPrincipal EngineUser user, HttpSession session, @PathVariable long incidentKey,
      @RequestParam(defaultValue = "3") String retries, RedirectAttributes flash) {
    int count;
    try {
      count = Integer.parseInt(retries.trim());
    } catch (NumberFormatException e) {
      count = -1;
    }
    if (count < 1 || count > MAX_RETRIES) {
      flash.addFlashAttribute("failure", "operations.retries.invalid");
      flash.addFlashAttribute("failureDetail", retries);
      return "redirect:/operations";
    }
    CamundaClient client = clients.require(session);
    Optional<Incident> incident;
    try {
      incident = board.find(client, user, incidentKey);
    } catch (ClientHttpException e) {
      incident = Optional.empty();
    }
    if (incident.isEmpty()) {
      flash.addFlashAttribute("failure", "operations.retry.gone");
      flash.addFlashAttribute("failureDetail", String.valueOf(incidentKey));
      return "redirect:/operations";
    }
    try {
      board.retry(client, incident.get(), count);
      flash.addFlashAttribute("resolved", String.valueOf(incidentKey));
    } catch (ClientException e) {
      // the engine's refusal says what it expected: show it as it is
      flash.addFlashAttribute("failure", "operations.retry.failed");
      flash.addFlashAttribute("failureDetail", e.getMessage());
    }
    return "redirect:/operations";
  }

}
