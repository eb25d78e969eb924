package cn.relief.app.dispatch;

import cn.relief.app.patrol.CheckIns;
import cn.relief.app.patrol.PatrolAccess;
import cn.relief.app.patrol.PatrolArea;
import cn.relief.app.patrol.PatrolAreas;
import cn.relief.app.patrol.PatrolTeam;
import cn.relief.app.patrol.RoundKind;
import cn.relief.app.patrol.RoundPlanner;
import cn.relief.app.reports.ReportStore;
import cn.relief.app.security.EngineUser;
import cn.relief.app.security.ReliefRole;
import cn.relief.app.security.UserEngineClients;
import io.camunda.client.api.command.ClientException;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dispatch board (指挥调度): open reports and patrol teams on the region's map, the nearest free
 * team proposed for each report, overdue reports marked; a dispatcher sends a team with one click.
 */
@Controller
@RequestMapping("/dispatch")
class DispatchController {
  private final DispatchBoard board;
  private final Dispatcher dispatcher;
  private final UserEngineClients clients;
  private final ReportStore reports;
  private final CheckIns checkIns;
  private final PatrolAreas areas;
  private final RoundPlanner planner;
  private final DispatchRecords records;

  DispatchController(DispatchBoard board, Dispatcher dispatcher, UserEngineClients clients, ReportStore reports,
      CheckIns checkIns, PatrolAreas areas, RoundPlanner planner, DispatchRecords records) {
    this.records = records;
    this.areas = areas;
    this.planner = planner;
    this.board = board;
    this.dispatcher = dispatcher;
    this.clients = clients;
    this.reports = reports;
    this.checkIns = checkIns;
  }

  @GetMapping
  String board(@AuthenticationPrincipal EngineUser user, Model model) {
    List<BoardRow> rows = board.rows(user);
    model.addAttribute("rows", rows);
    model.addAttribute("sightings", records.sightingsOf(rows.stream().filter(row -> row.report().sightings() > 0)
        .map(row -> row.report().id()).toList()));
    List<PatrolTeam> teams = board.teams(user);
    model.addAttribute("teams", teams);
    model.addAttribute("lastCheckIns", checkIns.latestOfEach(teams.stream().map(PatrolTeam::id).toList()));
    model.addAttribute("alertAreas", areas.list(PatrolAccess.allStations(user) ? null : user.organisationId()).stream()
        .filter(area -> PatrolAccess.canPlan(user, area.stationId())).toList());
    return "dispatch/board";
  }

  /** The map's markers: the board's reports and teams, nothing more. */
  @GetMapping(path = "/board.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Map<String, Object>> markers(@AuthenticationPrincipal EngineUser user) {
    List<Map<String, Object>> reportMarkers = board.rows(user).stream().map(row -> {
      Map<String, Object> marker = new LinkedHashMap<>();
      marker.put("id", row.report().reference());
      marker.put("lat", row.report().place().latitude());
      marker.put("lon", row.report().place().longitude());
      marker.put("kind", row.overdue() ? "report overdue" : row.report().dispatched() ? "report dispatched" : "report");
      marker.put("label", row.report().reference() + " " + row.report().locationText());
      return marker;
    }).toList();
    List<Map<String, Object>> teamMarkers = board.teams(user).stream().filter(team -> team.position() != null)
        .map(team -> {
          Map<String, Object> marker = new LinkedHashMap<>();
          marker.put("id", team.id());
          marker.put("lat", team.position().latitude());
          marker.put("lon", team.position().longitude());
          marker.put("kind", "team " + team.status().name().toLowerCase(Locale.ROOT));
          marker.put("label", team.name());
          return marker;
        }).toList();
    return ResponseEntity.ok().cacheControl(CacheControl.noStore())
        .body(Map.of("reports", reportMarkers, "teams", teamMarkers));
  }

  @PostMapping("/reports/{reference}/assignment")
  String send(@AuthenticationPrincipal EngineUser user, HttpSession session, @PathVariable String reference,
      @RequestParam(name = "teamId", required = false) String teamId, RedirectAttributes redirect) {
    try {
      dispatcher.send(clients.require(session), user, reference, teamId == null ? "" : teamId);
      redirect.addFlashAttribute("sent", reference);
    } catch (Dispatcher.DispatchRefused e) {
      redirect.addFlashAttribute("refused", e.messageKey());
    } catch (ClientException | IllegalStateException e) {
      redirect.addFlashAttribute("refused", "dispatch.error.engine");
    }
    return "redirect:/dispatch";
  }

  /**
   * 寒冬送温暖 / 夏季送清凉: a station head or the centre raises a weather alert for a patrol area; the
   * signal, broadcast as that person, starts a special round of E6's {@code street-patrol} model,
   * offered to every team of the area's station on their phone page.
   */
  @PostMapping("/alerts")
  String alert(@AuthenticationPrincipal EngineUser user, HttpSession session,
      @RequestParam(name = "kind", required = false) String kind,
      @RequestParam(name = "areaId", required = false) String areaId, RedirectAttributes redirect) {
    if (!user.hasAnyRole(ReliefRole.STATION_HEAD, ReliefRole.REGIONAL_CENTRE, ReliefRole.ADMIN)) {
      throw new AccessDeniedException(user.username() + " may not raise weather alerts");
    }
    RoundKind alert = "COLD_WAVE".equals(kind) ? RoundKind.COLD_WAVE : "HEAT".equals(kind) ? RoundKind.HEAT : null;
    PatrolArea area = areaId == null ? null : areas.byId(areaId).orElse(null);
    if (alert == null || area == null) {
      redirect.addFlashAttribute("refused", "dispatch.error.alert");
      return "redirect:/dispatch";
    }
    try {
      planner.alert(clients.require(session), user, alert, area);
      redirect.addFlashAttribute("alerted", area.name());
    } catch (ClientException e) {
      redirect.addFlashAttribute("refused", "dispatch.error.engine");
    }
    return "redirect:/dispatch";
  }

  /** A sighting's photo: personal data, for those who may dispatch the first report it is linked to. */
  @GetMapping("/reports/{reference}/sightings/{sighting}/photo")
  ResponseEntity<byte[]> sightingPhoto(@AuthenticationPrincipal EngineUser user, @PathVariable String reference,
      @PathVariable String sighting) {
    OpenReport report = board.report(user, reference);
    return records.sightingsOf(List.of(report.id())).getOrDefault(report.id(), List.of()).stream()
        .filter(found -> found.reference().equals(sighting)).findFirst()
        .map(found -> ReportPhotos.answer(reports, found.id()))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  /** The report's photo: personal data, for those who may dispatch the report. */
  @GetMapping("/reports/{reference}/photo")
  ResponseEntity<byte[]> photo(@AuthenticationPrincipal EngineUser user, @PathVariable String reference) {
    OpenReport report = board.report(user, reference);
    return ReportPhotos.answer(reports, report);
  }
}
