package cn.relief.app.dispatch;

import cn.relief.app.patrol.PatrolTeam;
import cn.relief.app.patrol.PatrolTeams;
import cn.relief.app.patrol.TeamStatus;
import cn.relief.app.reports.ReportsProperties;
import cn.relief.app.security.EngineUser;
import cn.relief.app.security.ReliefRole;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * What a dispatcher sees: the open reports of their station (the regional centre and administrators
 * see every station's, regional pooling), each with the nearest free team proposed (the station's
 * own teams; for the centre any station's) and an overdue mark past the dispatch time limit.
 */
@Component
public class DispatchBoard {
  private final DispatchRecords records;
  private final PatrolTeams teams;
  private final DispatchProperties dispatch;
  private final ReportsProperties reports;
  private final Clock clock = Clock.systemUTC();

  DispatchBoard(DispatchRecords records, PatrolTeams teams, DispatchProperties dispatch, ReportsProperties reports) {
    this.records = records;
    this.teams = teams;
    this.dispatch = dispatch;
    this.reports = reports;
  }

  /** Whether the user sees every station's reports and teams. */
  static boolean seesAllStations(EngineUser user) {
    return user.hasAnyRole(ReliefRole.REGIONAL_CENTRE, ReliefRole.ADMIN);
  }

  public List<BoardRow> rows(EngineUser user) {
    List<PatrolTeam> all = teams.all();
    Map<String, PatrolTeam> byId = all.stream().collect(Collectors.toMap(PatrolTeam::id, Function.identity()));
    Instant now = clock.instant();
    if (!seesAllStations(user) && user.organisationId() == null) {
      return List.of(); // of no station: no station's reports (null would mean every station's)
    }
    return records.open(seesAllStations(user) ? null : user.organisationId()).stream()
        .map(report -> new BoardRow(report, report.dispatched() ? null : propose(report, all, user).orElse(null),
            !report.dispatched() && report.receivedAt().plus(reports.dispatchTimeLimit()).isBefore(now),
            report.teamId() == null ? null : Optional.ofNullable(byId.get(report.teamId())).map(PatrolTeam::name)
                .orElse(report.teamId())))
        .toList();
  }

  /** The teams the user may send. */
  public List<PatrolTeam> teams(EngineUser user) {
    return teams.all().stream().filter(team -> seesAllStations(user) || team.stationId().equals(user.organisationId()))
        .toList();
  }

  /** The open report, if the user may dispatch it; else refused (403). */
  public OpenReport report(EngineUser user, String reference) {
    OpenReport report = records.byReference(reference)
        .orElseThrow(() -> new NoSuchReportException(reference));
    if (!seesAllStations(user) && !report.stationId().equals(user.organisationId())) {
      throw new AccessDeniedException("Report " + reference + " of " + report.stationId() + " is not "
          + user.username() + "'s to dispatch");
    }
    return report;
  }

  Optional<Proposal> propose(OpenReport report, List<PatrolTeam> candidates, EngineUser user) {
    Instant fresh = clock.instant().minus(dispatch.positionFreshFor());
    return candidates.stream()
        .filter(team -> team.status() == TeamStatus.FREE && team.position() != null
            && team.positionAt() != null && team.positionAt().isAfter(fresh))
        .filter(team -> seesAllStations(user) || team.stationId().equals(report.stationId()))
        .map(team -> {
          double metres = team.position().metresTo(report.place());
          return new Proposal(team, metres, Math.round(Math.ceil(metres / 1000 / dispatch.speedKmh() * 60)));
        })
        .min(Comparator.comparingDouble(Proposal::metres));
  }
}
