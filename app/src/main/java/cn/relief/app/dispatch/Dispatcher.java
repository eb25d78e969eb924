package cn.relief.app.dispatch;

import cn.relief.app.geo.GeoPoint;
import cn.relief.app.patrol.PatrolTeam;
import cn.relief.app.patrol.PatrolTeams;
import cn.relief.app.patrol.TeamStatus;
import cn.relief.app.security.EngineUser;
import cn.relief.app.tasks.InstanceTasks;
import io.camunda.client.CamundaClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The dispatch actions: a dispatcher sends a team to a report; the team's members share their
 * position, say when they arrived and what they found. Each step completes the report process's
 * task as the person who did it, and records the time, so the time to arrival and the outcome can
 * be counted.
 */
@Component
public class Dispatcher {
  /** The outcomes of the on-scene task's form ({@code report-outcome}). */
  static final Set<String> OUTCOMES = Set.of("ACCEPTS_HELP", "REFUSES_HELP", "NOT_FOUND", "NO_NEED");

  /** A refusal the person can act on: the message key and its argument. */
  public static class DispatchRefused extends RuntimeException {
    private final String messageKey;

    DispatchRefused(String messageKey, String detail) {
      super(messageKey + ": " + detail);
      this.messageKey = messageKey;
    }

    public String messageKey() {
      return messageKey;
    }
  }

  /** The report process's tasks, completed from the board and the phone page. */
  static final String DISPATCH_TASK = "UserTask_dispatch";
  static final String ON_SCENE_TASK = "UserTask_onScene";

  private final DispatchBoard board;
  private final DispatchRecords records;
  private final PatrolTeams teams;
  private final InstanceTasks tasks;
  private final Clock clock = Clock.systemUTC();

  Dispatcher(DispatchBoard board, DispatchRecords records, PatrolTeams teams, InstanceTasks tasks) {
    this.board = board;
    this.records = records;
    this.teams = teams;
    this.tasks = tasks;
  }

  /**
   * Sends the team: the team is taken first (busy), so that two dispatchers cannot send it to two
   * reports; then the dispatch task is completed as the dispatcher, then the report records it.
   */
  public void send(CamundaClient client, EngineUser user, String reference, String teamId) {
    OpenReport report = board.report(user, reference);
    PatrolTeam team = teams.byId(teamId).filter(t -> DispatchBoard.seesAllStations(user)
        || t.stationId().equals(user.organisationId())).orElseThrow(() -> new DispatchRefused("dispatch.error.team", teamId));
    if (report.dispatched()) {
      throw new DispatchRefused("dispatch.error.dispatched", reference);
    }
    if (report.processInstanceKey() == null) {
      throw new DispatchRefused("dispatch.error.noProcess", reference);
    }
    if (!teams.changeStatus(team.id(), TeamStatus.FREE, TeamStatus.BUSY)) {
      throw new DispatchRefused("dispatch.error.busy", team.name());
    }
    try {
      // the engine decides between two dispatchers: the second completion of the task is refused
      tasks.complete(client, user, report.processInstanceKey(), DISPATCH_TASK,
          Map.of("assignedTeamId", team.id(), "assignedTeamName", team.name()));
    } catch (RuntimeException e) {
      teams.changeStatus(team.id(), TeamStatus.BUSY, TeamStatus.FREE);
      throw e;
    }
    records.dispatched(report.id(), team.id(), clock.instant());
  }

  /** A member's phone reports where the team is. */
  public void moved(EngineUser user, GeoPoint position) {
    PatrolTeam team = teams.ofMember(user.username()).orElseThrow(() -> new AccessDeniedException(user.username()
        + " is in no patrol team"));
    teams.movedTo(team.id(), position, clock.instant());
  }

  /** The report the user's team was sent to and not yet closed, if any. */
  public Optional<OpenReport> assignmentOf(EngineUser user) {
    return teams.ofMember(user.username()).flatMap(team -> records.assignedTo(team.id()));
  }

  public void arrived(EngineUser user, String reference) {
    OpenReport report = ownAssignment(user, reference);
    records.arrived(report.id(), clock.instant());
  }

  /** What the team found: completes the on-scene task, closes the report, frees the team. */
  public void concluded(CamundaClient client, EngineUser user, String reference, String outcome, boolean isMinor,
      boolean needsMedicalCare, String findings) {
    OpenReport report = ownAssignment(user, reference);
    String chosen = outcome == null ? "" : outcome.toUpperCase(Locale.ROOT);
    if (!OUTCOMES.contains(chosen)) {
      throw new DispatchRefused("dispatch.error.outcome", String.valueOf(outcome));
    }
    // a browser sends each line break of a textarea as CRLF but counts it as one for its maxlength
    findings = findings == null ? null : findings.replace("\r\n", "\n");
    if (findings != null && findings.length() > 1000) {
      throw new DispatchRefused("dispatch.error.findings", reference);
    }
    if (report.arrivedAt() == null) {
      records.arrived(report.id(), clock.instant());
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put("outcome", chosen);
    variables.put("isMinor", isMinor);
    variables.put("needsMedicalCare", needsMedicalCare);
    if (findings != null && !findings.isBlank()) {
      variables.put("findings", findings.strip());
    }
    tasks.complete(client, user, report.processInstanceKey(), ON_SCENE_TASK, variables);
    records.closed(report.id(), chosen, clock.instant());
    teams.changeStatus(report.teamId(), TeamStatus.BUSY, TeamStatus.FREE);
  }

  private OpenReport ownAssignment(EngineUser user, String reference) {
    OpenReport report = records.byReference(reference).orElseThrow(() -> new NoSuchReportException(reference));
    boolean member = report.teamId() != null && teams.byId(report.teamId()).map(t -> t.hasMember(user.username()))
        .orElse(false);
    if (!member) {
      throw new AccessDeniedException("Report " + reference + " was not sent to " + user.username() + "'s team");
    }
    return report;
  }
}
