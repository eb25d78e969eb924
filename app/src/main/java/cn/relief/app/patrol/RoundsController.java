package cn.relief.app.patrol;

import cn.relief.app.security.EngineUser;
import cn.relief.app.security.UserEngineClients;
import io.camunda.client.api.command.ClientException;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The team's rounds on the phone page ({@code /patrol}): start a round, enter a person found,
 * finish the round. Each answers with the phone page again, saying what happened or why not.
 */
@Controller
@RequestMapping("/patrol/rounds")
class RoundsController {
  private static final Logger LOG = LoggerFactory.getLogger(RoundsController.class);
  private final Rounds rounds;
  private final UserEngineClients clients;

  RoundsController(Rounds rounds, UserEngineClients clients) {
    this.rounds = rounds;
    this.clients = clients;
  }

  @PostMapping("/{id}/start")
  String start(@AuthenticationPrincipal EngineUser user, HttpSession session, @PathVariable long id,
      RedirectAttributes redirect) {
    return act(redirect, id, "patrol.round.started", () -> rounds.start(clients.require(session), user, id));
  }

  /** A person found on the round; a refused entry comes back with everything typed and each problem. */
  @PostMapping("/{id}/findings")
  String finding(@AuthenticationPrincipal EngineUser user, @PathVariable long id,
      @ModelAttribute FindingForm form, RedirectAttributes redirect) {
    rounds.teamOf(user); // who patrols with no team has no rounds: 403 before anything is checked
    FindingForm.Checked checked = form.check(id, user.username(), Instant.now());
    if (!checked.ok()) {
      redirect.addFlashAttribute("findingRound", id);
      redirect.addFlashAttribute("findingForm", form);
      redirect.addFlashAttribute("findingErrors", checked.errors());
      return "redirect:/patrol#round-" + id;
    }
    return act(redirect, id, "patrol.finding.added", () -> rounds.addFinding(user, id, checked.finding()));
  }

  @PostMapping("/{id}/finish")
  String finish(@AuthenticationPrincipal EngineUser user, HttpSession session, @PathVariable long id,
      RedirectAttributes redirect) {
    return act(redirect, id, "patrol.round.finished", () -> rounds.finish(clients.require(session), user, id));
  }

  private static String act(RedirectAttributes redirect, long id, String doneKey, Runnable action) {
    try {
      action.run();
      redirect.addFlashAttribute("roundDone", doneKey);
    } catch (RoundRefused e) {
      redirect.addFlashAttribute("roundRefused", e.messageKey());
    } catch (ClientException | IllegalStateException e) {
      LOG.warn("Patrol round {}: the engine did not take the step: {}", id, e.toString());
      redirect.addFlashAttribute("roundRefused", "dispatch.error.engine");
    }
    return "redirect:/patrol#round-" + id;
  }
}
