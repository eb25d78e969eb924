package cn.relief.app.patrol;

import cn.relief.app.security.EngineUser;
import cn.relief.app.tasks.InstanceTasks;
import io.camunda.client.CamundaClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * A patrol team's rounds on the phone page: start a round (the team takes it and the member claims
 * its record task), check in at its checkpoints, enter the persons found, finish it (the record task
 * completed as the member with the findings as {@code discoveries}; the model then starts a relief
 * case for each who accepts help and each minor, and records the advice given to who refuses).
 */
@Component
public class Rounds {
  private final PatrolRounds rounds;
  private final PatrolAreas areas;
  private final PatrolTeams teams;
  private final CheckIns checkIns;
  private final Findings findings;
  private final RoundProcesses processes;
  private final InstanceTasks tasks;
  private final PatrolProperties properties;
  private final Clock clock = Clock.systemUTC();

  Rounds(PatrolRounds rounds, PatrolAreas areas, PatrolTeams teams, CheckIns checkIns, Findings findings,
      RoundProcesses processes, InstanceTasks tasks, PatrolProperties properties) {
    this.rounds = rounds;
    this.areas = areas;
    this.teams = teams;
    this.checkIns = checkIns;
    this.findings = findings;
    this.processes = processes;
    this.tasks = tasks;
    this.properties = properties;
  }

  /** The rounds the team may work now: due from {@code showFor} ago to {@code showBefore} ahead. */
  public List<RoundView> forTeam(PatrolTeam team) {
    Instant now = clock.instant();
    List<RoundView> views = new ArrayList<>();
    for (PatrolRound round : rounds.openFor(team, now.minus(properties.showFor()), now.plus(properties.showBefore()))) {
      views.add(view(round));
    }
    return views;
  }

  public RoundView view(PatrolRound round) {
    PatrolArea area = areas.byId(round.areaId()).orElseThrow();
    String teamName = teams.nameOf(round.teamId());
    return new RoundView(round, area, teamName,
        CheckpointVisits.of(area.checkpoints(), checkIns.ofRound(round.id()), properties.checkpointRadius()),
        findings.ofRound(round.id()));
  }

  /** The round the team has running: the check-ins count for it. */
  public Optional<Long> runningOf(PatrolTeam team) {
    return rounds.runningOf(team.id()).map(PatrolRound::id);
  }

  public void start(CamundaClient client, EngineUser user, long roundId) {
    PatrolTeam team = teamOf(user);
    PatrolRound round = visible(team, roundId);
    if (round.finished()) {
      throw new RoundRefused("patrol.round.error.finished");
    }
    boolean hadTeam = round.teamId() != null;
    if (round.started()) {
      if (!team.id().equals(round.teamId())) {
        throw new RoundRefused("patrol.round.error.taken");
      }
    } else if (!rounds.start(roundId, team.id(), user.username(), clock.instant())) {
      throw new RoundRefused("patrol.round.error.taken");
    }
    try {
      tasks.claim(client, user, processOf(client, round), RoundProcesses.RECORD_TASK);
    } catch (RuntimeException e) {
      // the round is offered again rather than held by a team whose member could not take its task
      if (!round.started()) {
        rounds.unstart(roundId, user.username(), hadTeam);
      }
      throw e;
    }
  }

  public void addFinding(EngineUser user, long roundId, Finding finding) {
    PatrolTeam team = teamOf(user);
    running(team, visible(team, roundId));
    if (!findings.add(finding)) {
      throw new RoundRefused("patrol.round.error.finished");
    }
  }

  public void finish(CamundaClient client, EngineUser user, long roundId) {
    PatrolTeam team = teamOf(user);
    PatrolRound round = running(team, visible(team, roundId));
    PatrolArea area = areas.byId(round.areaId()).orElseThrow();
    // marked finished first: from then on no finding is added, so the record holds them all
    if (!rounds.finish(roundId, user.username(), clock.instant())) {
      throw new RoundRefused("patrol.round.error.finished");
    }
    try {
      List<Map<String, Object>> discoveries = findings.ofRound(roundId).stream().map(Finding::discovery).toList();
      Map<String, Object> variables = new HashMap<>();
      variables.put("patrolArea", area.name());
      variables.put("province", processes.province());
      variables.put("patrolTeam", team.name() + "（" + String.join("、", team.members()) + "）");
      variables.put("discoveries", discoveries);
      tasks.complete(client, user, processOf(client, round), RoundProcesses.RECORD_TASK, variables);
    } catch (RuntimeException e) {
      rounds.unfinish(roundId, user.username());
      throw e;
    }
  }

  /** The team the user patrols with; a user in no team has no rounds (403). */
  public PatrolTeam teamOf(EngineUser user) {
    return teams.ofMember(user.username())
        .orElseThrow(() -> new AccessDeniedException(user.username() + " is in no patrol team"));
  }

  private PatrolRound visible(PatrolTeam team, long roundId) {
    PatrolRound round = rounds.byId(roundId)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no patrol round " + roundId));
    boolean ours = team.id().equals(round.teamId())
        || (round.teamId() == null && team.stationId().equals(round.stationId()));
    if (!ours) {
      throw new AccessDeniedException("patrol round " + roundId + " is not for team " + team.id());
    }
    return round;
  }

  private static PatrolRound running(PatrolTeam team, PatrolRound round) {
    if (round.finished()) {
      throw new RoundRefused("patrol.round.error.finished");
    }
    if (!round.started() || !team.id().equals(round.teamId())) {
      throw new RoundRefused("patrol.round.error.notStarted");
    }
    return round;
  }

  private long processOf(CamundaClient client, PatrolRound round) {
    if (round.processInstanceKey() != null) {
      return round.processInstanceKey();
    }
    Optional<Long> key = round.kind().bySignal() ? processes.find(client, round.id()) : Optional.empty();
    key.ifPresent(found -> rounds.recordProcess(round.id(), found));
    return key.orElseThrow(() -> new RoundRefused("patrol.round.error.notReady"));
  }
}
