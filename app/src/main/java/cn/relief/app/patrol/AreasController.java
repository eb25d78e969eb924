package cn.relief.app.patrol;

import cn.relief.app.geo.RegionMap;
import cn.relief.app.security.EngineUser;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 巡查区域 ({@code /patrol/areas}): a station's named patrol areas with their checkpoints, the plans
 * (which team patrols when) and the last week's rounds with what they found. A station's staff see
 * its areas; its station head adds areas and plans and sends an extra round now; the regional
 * centre and administrators do so for every station.
 */
@Controller
@RequestMapping("/patrol/areas")
class AreasController {
  /** Rounds of this period are listed under their area. */
  private static final Duration RECENT = Duration.ofDays(7);

  /** An area with its plans and recent rounds, as the page lists it. */
  record AreaRow(PatrolArea area, List<PatrolPlan> plans, List<RoundView> rounds, boolean plannable,
      List<PatrolTeam> teams) {}

  private final PatrolAreas areas;
  private final PatrolPlans plans;
  private final PatrolRounds rounds;
  private final PatrolTeams teams;
  private final Rounds roundViews;
  private final RoundPlanner planner;
  private final RegionMap region;

  AreasController(PatrolAreas areas, PatrolPlans plans, PatrolRounds rounds, PatrolTeams teams, Rounds roundViews,
      RoundPlanner planner, RegionMap region) {
    this.areas = areas;
    this.plans = plans;
    this.rounds = rounds;
    this.teams = teams;
    this.roundViews = roundViews;
    this.planner = planner;
    this.region = region;
  }

  @GetMapping
  String list(@AuthenticationPrincipal EngineUser user, Model model) {
    String station = PatrolAccess.allStations(user) ? null : user.organisationId();
    if (station == null && !PatrolAccess.allStations(user)) {
      throw new AccessDeniedException(user.username() + " belongs to no station");
    }
    Instant now = Instant.now();
    Map<String, List<RoundView>> recent = new LinkedHashMap<>();
    for (PatrolRound round : rounds.dueBetween(station, now.minus(RECENT), now.plus(Duration.ofDays(1)))) {
      recent.computeIfAbsent(round.areaId(), id -> new ArrayList<>()).add(roundViews.view(round));
    }
    List<PatrolTeam> allTeams = teams.all();
    List<AreaRow> rows = areas.list(station).stream().map(area -> new AreaRow(area, plans.ofArea(area.id()),
        recent.getOrDefault(area.id(), List.of()), PatrolAccess.canPlan(user, area.stationId()),
        allTeams.stream().filter(team -> team.stationId().equals(area.stationId())).toList())).toList();
    model.addAttribute("rows", rows);
    model.addAttribute("teamNames", allTeams.stream().collect(java.util.stream.Collectors.toMap(PatrolTeam::id,
        PatrolTeam::name)));
    model.addAttribute("canAddArea", PatrolAccess.allStations(user) || PatrolAccess.canPlan(user, user.organisationId()));
    model.addAttribute("allStations", PatrolAccess.allStations(user));
    model.addAttribute("stations", allTeams.stream().map(PatrolTeam::stationId).distinct().sorted().toList());
    return "patrol/areas";
  }

  @PostMapping
  String add(@AuthenticationPrincipal EngineUser user, @ModelAttribute AreaForm form,
      @RequestParam(name = "stationId", required = false) String stationId, RedirectAttributes redirect) {
    boolean allStations = PatrolAccess.allStations(user);
    String station = allStations ? (stationId == null ? "" : stationId.strip()) : user.organisationId();
    if (station == null || !allStations && !PatrolAccess.canPlan(user, station)) {
      throw new AccessDeniedException(user.username() + " may not add patrol areas");
    }
    AreaForm.Checked checked = form.check(station, region);
    if (allStations && !knownStation(station)) {
      // the centre names the station; an area of no station's would be offered to no team
      Map<String, String> errors = new LinkedHashMap<>(checked.errors());
      errors.put("stationId", "patrol.area.error.station");
      checked = new AreaForm.Checked(null, errors);
    }
    if (checked.ok() && !areas.add(checked.area(), user.username())) {
      checked = new AreaForm.Checked(null, Map.of("name", "patrol.area.error.name.taken"));
    }
    if (!checked.ok()) {
      redirect.addFlashAttribute("areaForm", form);
      redirect.addFlashAttribute("areaErrors", checked.errors());
      return "redirect:/patrol/areas#new-area";
    }
    redirect.addFlashAttribute("areaDone", checked.area().name());
    return "redirect:/patrol/areas#area-" + checked.area().id();
  }

  @PostMapping("/{id}/plans")
  String plan(@AuthenticationPrincipal EngineUser user, @PathVariable String id, @ModelAttribute PlanForm form,
      RedirectAttributes redirect) {
    PatrolArea area = plannable(user, id);
    LocalTime time = form.time();
    Set<DayOfWeek> days = form.dayset();
    boolean teamOfStation = form.teamId() != null
        && teams.byId(form.teamId()).filter(team -> team.stationId().equals(area.stationId())).isPresent();
    if (time == null || days.isEmpty() || !teamOfStation) {
      redirect.addFlashAttribute("areaRefused", time == null ? "patrol.area.error.time"
          : days.isEmpty() ? "patrol.area.error.days" : "patrol.area.error.team");
    } else {
      plans.add(area.id(), form.teamId(), time, days, user.username(), Instant.now());
      redirect.addFlashAttribute("planDone", area.name());
    }
    return "redirect:/patrol/areas#area-" + area.id();
  }

  @PostMapping("/{id}/plans/{planId}/end")
  String endPlan(@AuthenticationPrincipal EngineUser user, @PathVariable String id, @PathVariable long planId,
      RedirectAttributes redirect) {
    PatrolArea area = plannable(user, id);
    if (plans.byId(planId).filter(plan -> plan.areaId().equals(area.id())).isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no plan " + planId + " in " + id);
    }
    plans.end(planId);
    redirect.addFlashAttribute("planEnded", area.name());
    return "redirect:/patrol/areas#area-" + area.id();
  }

  /** An extra round now (a tip, an event), for the team chosen or for any team of the station. */
  @PostMapping("/{id}/rounds")
  String extra(@AuthenticationPrincipal EngineUser user, @PathVariable String id,
      @RequestParam(name = "teamId", required = false) String teamId, RedirectAttributes redirect) {
    PatrolArea area = plannable(user, id);
    try {
      planner.extra(user, area, teamId == null || teamId.isBlank() ? null : teamId.strip());
      redirect.addFlashAttribute("roundAdded", area.name());
    } catch (RoundRefused e) {
      redirect.addFlashAttribute("areaRefused", e.messageKey());
    }
    return "redirect:/patrol/areas#area-" + area.id();
  }

  /** A station some patrol team belongs to. */
  private boolean knownStation(String stationId) {
    return teams.all().stream().anyMatch(team -> team.stationId().equals(stationId));
  }

  private PatrolArea plannable(EngineUser user, String id) {
    PatrolArea area = areas.byId(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no patrol area " + id));
    if (!PatrolAccess.canPlan(user, area.stationId())) {
      throw new AccessDeniedException(user.username() + " may not plan patrols of " + area.stationId());
    }
    return area;
  }
}
