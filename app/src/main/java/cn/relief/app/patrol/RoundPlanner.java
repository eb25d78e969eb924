package cn.relief.app.patrol;

import cn.relief.app.security.EngineUser;
import io.camunda.client.CamundaClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Turns plans into rounds when they are due, and starts the rounds a station head adds or a
 * weather alert asks for. A round is stored before its process is started, so a round whose start
 * failed (engine unreachable) is started by the next pass; a planned round is stored once per plan
 * and time however often the planner runs.
 */
@Component
public class RoundPlanner {
  private static final Logger LOG = LoggerFactory.getLogger(RoundPlanner.class);
  /** A round added just now is being started by its request: the planner leaves it this long. */
  private static final Duration REQUEST_GRACE = Duration.ofSeconds(60);

  private final PatrolPlans plans;
  private final PatrolRounds rounds;
  private final PatrolAreas areas;
  private final PatrolTeams teams;
  private final RoundProcesses processes;
  private final PatrolProperties properties;
  private final Clock clock = Clock.systemUTC();

  RoundPlanner(PatrolPlans plans, PatrolRounds rounds, PatrolAreas areas, PatrolTeams teams,
      RoundProcesses processes, PatrolProperties properties) {
    this.plans = plans;
    this.rounds = rounds;
    this.areas = areas;
    this.teams = teams;
    this.processes = processes;
    this.properties = properties;
  }

  @Scheduled(fixedDelayString = "${relief.patrol.plan-every:1m}", initialDelayString = "${relief.patrol.plan-every:1m}")
  void pass() {
    try {
      planDue(clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("Patrol planner pass failed, tried again in {}: {}", properties.planEvery(), e.toString());
    }
  }

  /** Adds the rounds due by {@code now} (not older than the late-start limit) and starts those not started. */
  public int planDue(Instant now) {
    Instant since = now.minus(properties.lateStartLimit());
    int started = 0;
    for (PatrolPlan plan : plans.active()) {
      Optional<PatrolArea> area = areas.byId(plan.areaId());
      if (area.isEmpty()) {
        continue;
      }
      for (Instant due : plan.dueBetween(since, now, properties.zone())) {
        rounds.addPlanned(plan, area.get().stationId(), due);
      }
    }
    for (PatrolRound round : rounds.withoutProcess(since)) {
      if (round.kind() == RoundKind.EXTRA && round.dueAt().isAfter(now.minus(REQUEST_GRACE))) {
        continue;
      }
      if (!startProcess(round)) {
        break;
      }
      started++;
    }
    return started;
  }

  /** A round now, outside the plans, for the team or for any team of the area's station. */
  public long extra(EngineUser user, PatrolArea area, String teamId) {
    if (!PatrolAccess.canPlan(user, area.stationId())) {
      throw new AccessDeniedException(user.username() + " may not add rounds in " + area.stationId());
    }
    if (teamId != null && teams.byId(teamId).filter(t -> t.stationId().equals(area.stationId())).isEmpty()) {
      throw new RoundRefused("patrol.area.error.team");
    }
    long id = rounds.add(RoundKind.EXTRA, area, teamId, clock.instant(), user.username());
    startProcess(rounds.byId(id).orElseThrow());
    return id;
  }

  /**
   * 寒冬送温暖 / 夏季送清凉: a weather alert for the area. The signal, broadcast as the person who
   * raised it, starts the model's extra round; the round is offered to every team of the station.
   */
  public long alert(CamundaClient client, EngineUser user, RoundKind kind, PatrolArea area) {
    if (!kind.bySignal()) {
      throw new IllegalArgumentException(kind + " is no weather alert");
    }
    if (!PatrolAccess.canPlan(user, area.stationId())) {
      throw new AccessDeniedException(user.username() + " may not raise weather alerts for " + area.stationId());
    }
    long id = rounds.add(kind, area, null, clock.instant(), user.username());
    try {
      processes.raise(client, kind, id, area);
    } catch (RuntimeException e) {
      rounds.remove(id);
      throw e;
    }
    return id;
  }

  private boolean startProcess(PatrolRound round) {
    PatrolArea area = areas.byId(round.areaId()).orElseThrow();
    String teamName = teams.nameOf(round.teamId());
    try {
      rounds.recordProcess(round.id(), processes.start(round, area, teamName));
      return true;
    } catch (RuntimeException e) {
      LOG.warn("Patrol round {} ({}) waits for its process: {}", round.id(), area.name(), e.toString());
      return false;
    }
  }
}
