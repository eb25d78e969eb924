package cn.relief.app.dispatch;

import cn.relief.app.geo.GeoPoint;
import cn.relief.app.patrol.CheckIn;
import cn.relief.app.patrol.CheckIns;
import cn.relief.app.patrol.PatrolTeam;
import cn.relief.app.patrol.PatrolTeams;
import cn.relief.app.patrol.Rounds;
import cn.relief.app.reports.ReportStore;
import cn.relief.app.security.EngineUser;
import cn.relief.app.security.UserEngineClients;
import io.camunda.client.api.command.ClientException;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The patrol team's phone page (巡查): share the team's position, see the report it was sent to
 * (with the photo and the reporter's phone), say when it arrived and what it found; and the team's
 * patrol rounds (package {@code patrol}): check-ins count for the round the team has running.
 */
@Controller
@RequestMapping("/patrol")
class PatrolController {
  /** A phone's position. */
  record Position(Double latitude, Double longitude) {}

  /** A check-in from the phone: where, and what the member noted. */
  record CheckInRequest(Double latitude, Double longitude, String note) {}

  private final Dispatcher dispatcher;
  private final PatrolTeams teams;
  private final CheckIns checkIns;
  private final UserEngineClients clients;
  private final ReportStore reports;
  private final Rounds rounds;

  PatrolController(Dispatcher dispatcher, PatrolTeams teams, CheckIns checkIns, UserEngineClients clients,
      ReportStore reports, Rounds rounds) {
    this.rounds = rounds;
    this.dispatcher = dispatcher;
    this.teams = teams;
    this.checkIns = checkIns;
    this.clients = clients;
    this.reports = reports;
  }

  @GetMapping
  String team(@AuthenticationPrincipal EngineUser user, Model model) {
    PatrolTeam team = teams.ofMember(user.username()).orElse(null);
    model.addAttribute("team", team);
    model.addAttribute("checkIns", team == null ? List.of() : checkIns.latest(team.id(), 10));
    model.addAttribute("assignment", dispatcher.assignmentOf(user).orElse(null));
    model.addAttribute("rounds", team == null ? List.of() : rounds.forTeam(team));
    return "patrol/team";
  }

  @PostMapping(path = "/position", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Void> position(@AuthenticationPrincipal EngineUser user, @RequestBody Position position) {
    GeoPoint point;
    try {
      point = new GeoPoint(position.latitude(), position.longitude());
    } catch (IllegalArgumentException | NullPointerException e) {
      return ResponseEntity.badRequest().build();
    }
    dispatcher.moved(user, point);
    return ResponseEntity.noContent().build();
  }

  /** 巡查打卡: the member's team checks in where the phone is (and the board sees the team there). */
  @PostMapping(path = "/checkins", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Void> checkIn(@AuthenticationPrincipal EngineUser user, @RequestBody CheckInRequest request) {
    GeoPoint point;
    try {
      point = new GeoPoint(request.latitude(), request.longitude());
    } catch (IllegalArgumentException | NullPointerException e) {
      return ResponseEntity.badRequest().build();
    }
    String note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
    if (note != null && (note.length() > 200 || note.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t'))) {
      return ResponseEntity.badRequest().build();
    }
    PatrolTeam team = teams.ofMember(user.username()).orElseThrow(() -> new AccessDeniedException(user.username()
        + " is in no patrol team"));
    dispatcher.moved(user, point);
    checkIns.add(new CheckIn(team.id(), user.username(), point, note, Instant.now(),
        rounds.runningOf(team).orElse(null)));
    return ResponseEntity.status(HttpStatus.CREATED).build();
  }

  @PostMapping("/reports/{reference}/arrival")
  String arrived(@AuthenticationPrincipal EngineUser user, @PathVariable String reference) {
    dispatcher.arrived(user, reference);
    return "redirect:/patrol";
  }

  @PostMapping("/reports/{reference}/outcome")
  String concluded(@AuthenticationPrincipal EngineUser user, HttpSession session, @PathVariable String reference,
      @RequestParam(name = "outcome", required = false) String outcome,
      @RequestParam(name = "isMinor", defaultValue = "false") boolean isMinor,
      @RequestParam(name = "needsMedicalCare", defaultValue = "false") boolean needsMedicalCare,
      @RequestParam(name = "findings", required = false) String findings, RedirectAttributes redirect) {
    try {
      dispatcher.concluded(clients.require(session), user, reference, outcome, isMinor, needsMedicalCare, findings);
      redirect.addFlashAttribute("concluded", reference);
    } catch (Dispatcher.DispatchRefused e) {
      redirect.addFlashAttribute("refused", e.messageKey());
      keepOutcome(redirect, outcome, isMinor, needsMedicalCare, findings);
    } catch (ClientException | IllegalStateException e) {
      redirect.addFlashAttribute("refused", "dispatch.error.engine");
      keepOutcome(redirect, outcome, isMinor, needsMedicalCare, findings);
    }
    return "redirect:/patrol";
  }

  /** A refused outcome comes back as it was typed. */
  private static void keepOutcome(RedirectAttributes redirect, String outcome, boolean isMinor,
      boolean needsMedicalCare, String findings) {
    redirect.addFlashAttribute("outcomeTyped", outcome);
    redirect.addFlashAttribute("isMinorTyped", isMinor);
    redirect.addFlashAttribute("medicalTyped", needsMedicalCare);
    redirect.addFlashAttribute("findingsTyped", findings);
  }

  /** The photo of the report the user's team was sent to. */
  @GetMapping("/reports/{reference}/photo")
  ResponseEntity<byte[]> photo(@AuthenticationPrincipal EngineUser user, @PathVariable String reference) {
    Optional<OpenReport> assignment = dispatcher.assignmentOf(user).filter(r -> r.reference().equals(reference));
    return assignment.map(report -> ReportPhotos.answer(reports, report))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }
}
