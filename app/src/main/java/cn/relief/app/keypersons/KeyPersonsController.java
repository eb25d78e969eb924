package cn.relief.app.keypersons;

import cn.relief.app.cases.CaseFile;
import cn.relief.app.cases.CaseFiles;
import cn.relief.app.security.EngineUser;
import cn.relief.app.security.ReliefRole;
import cn.relief.app.security.UserEngineClients;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The key-persons database (关键人员数据库): the list and the registration (with the guardian's
 * consent), and for a case the likely matches, which its staff confirm or reject: a confirmation
 * writes {@code keyPersonId} and {@code keyPersonRisk} into the case as that person (audited), a
 * rejection stops the proposal; nothing is applied without them.
 */
@Controller
class KeyPersonsController {
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final KeyPersons keyPersons;
  private final CaseMatching matching;
  private final CaseFiles cases;
  private final UserEngineClients clients;
  private final RepeatVagrancySignals signals;
  private final Clock clock = Clock.systemUTC();

  KeyPersonsController(KeyPersons keyPersons, CaseMatching matching, CaseFiles cases, UserEngineClients clients,
      RepeatVagrancySignals signals) {
    this.keyPersons = keyPersons;
    this.matching = matching;
    this.cases = cases;
    this.clients = clients;
    this.signals = signals;
  }

  /**
   * The list, the registration form (filled from a repeat-vagrancy signal when {@code fromFollowUp}
   * names one) and the signals of the user's station.
   */
  @GetMapping("/key-persons")
  String list(@AuthenticationPrincipal EngineUser user, HttpSession session, Model model,
      @RequestParam(name = "fromFollowUp", required = false) Long fromFollowUp) {
    model.addAttribute("people", visible(user));
    boolean canRegister = mayRegister(user);
    model.addAttribute("canRegister", canRegister);
    List<RepeatVagrancySignals.Signal> repeat = canRegister ? signals.of(clients.require(session), user) : List.of();
    model.addAttribute("signals", repeat);
    if (!model.containsAttribute("form")) {
      KeyPersonForm form = new KeyPersonForm();
      repeat.stream().filter(signal -> fromFollowUp != null && signal.followUpKey() == fromFollowUp).findFirst()
          .ifPresent(signal -> {
            form.setName(signal.fullName());
            form.setIdNumber(signal.idNumber());
            form.setHomeArea(signal.destination());
            form.setRisk(Risk.REPEATED_VAGRANCY.name());
          });
      model.addAttribute("form", form);
    }
    return "keypersons/list";
  }

  @PostMapping("/key-persons")
  String register(@AuthenticationPrincipal EngineUser user, @ModelAttribute("form") KeyPersonForm form, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    if (!mayRegister(user) || user.organisationId() == null) {
      throw new AccessDeniedException(user.username() + " may not register key persons (or belongs to no station)");
    }
    KeyPersonForm.Checked checked = form.check(LocalDate.now(CHINA));
    if (!checked.errors().isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("errors", checked.errors());
      model.addAttribute("people", visible(user));
      model.addAttribute("canRegister", true);
      model.addAttribute("signals", List.of());
      return "keypersons/list";
    }
    keyPersons.register(checked.person(), user.organisationId(), user.username(), clock.instant());
    redirect.addFlashAttribute("registered", checked.person().name());
    return "redirect:/key-persons";
  }

  @GetMapping("/cases/{reference}/key-persons")
  String caseMatches(@AuthenticationPrincipal EngineUser user, HttpSession session, @PathVariable String reference,
      Model model) {
    CamundaClient client = clients.require(session);
    CaseFile caseFile = cases.workable(client, user, reference);
    model.addAttribute("caseFile", caseFile);
    model.addAttribute("proposals", matching.proposals(user, caseFile.instanceKey(), caseFile.variables()));
    model.addAttribute("confirmed", matching.confirmed(user, caseFile.instanceKey()));
    return "keypersons/case";
  }

  @PostMapping("/cases/{reference}/key-persons/{id}")
  String decide(@AuthenticationPrincipal EngineUser user, HttpSession session, @PathVariable String reference,
      @PathVariable long id, @RequestParam(name = "decision", required = false) String decision,
      RedirectAttributes redirect) {
    CamundaClient client = clients.require(session);
    CaseFile caseFile = cases.workable(client, user, reference);
    // only an entry proposed for this case (and not yet decided) may be decided on: any other id
    // would show its guardian's phone and set its risk on the case without a match
    boolean proposed = matching.proposals(user, caseFile.instanceKey(), caseFile.variables()).stream()
        .anyMatch(proposal -> proposal.view().person().id() == id);
    KeyPerson person = keyPersons.byId(id).filter(found -> proposed).orElseThrow(
        () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "key person " + id + " is not proposed for this case"));
    KeyPersons.Decision chosen;
    try {
      chosen = KeyPersons.Decision.valueOf(String.valueOf(decision));
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "decision must be CONFIRMED or REJECTED");
    }
    // the decision is recorded first, once: a second click (or a second tab) sets nothing twice
    if (!keyPersons.decide(caseFile.instanceKey(), person.id(), chosen, user.username(), clock.instant())) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "key person " + id + " is decided for this case");
    }
    try {
      if (chosen == KeyPersons.Decision.CONFIRMED) {
        // as the caseworker, through their client: the case's audit trail names who linked the person
        client.newSetVariablesCommand(caseFile.instanceKey())
            .variables(Map.of("keyPersonId", person.id(), "keyPersonRisk", person.risk().name())).send().join();
      }
      redirect.addFlashAttribute("decided", chosen.name());
    } catch (ClientException e) {
      keyPersons.undecide(caseFile.instanceKey(), person.id());
      redirect.addFlashAttribute("failed", true);
    }
    return "redirect:/cases/" + reference + "/key-persons";
  }

  private List<KeyPersonView> visible(EngineUser user) {
    String station = user.hasAnyRole(ReliefRole.REGIONAL_CENTRE, ReliefRole.ADMIN, ReliefRole.AUDITOR) ? null
        : user.organisationId();
    return keyPersons.list(station).stream().filter(person -> KeyPersonView.maySee(user, person.stationId()))
        .map(person -> KeyPersonView.of(user, person)).toList();
  }

  private static boolean mayRegister(EngineUser user) {
    return user.hasAnyRole(ReliefRole.CASEWORKER, ReliefRole.STATION_HEAD, ReliefRole.REGIONAL_CENTRE, ReliefRole.ADMIN);
  }
}
