package cn.relief.app.patrol;

import cn.relief.app.geo.GeoPoint;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The demo stations' patrol teams (README "Dispatch board"), added once with the demo users. */
@Component
@ConditionalOnProperty(name = "relief.demo.enabled", havingValue = "true")
class DemoTeams {
  static final List<PatrolTeam> TEAMS = List.of(
      new PatrolTeam("team-tianhe-1", "天河一队", "org-station-tianhe", List.of("li.caseworker"), TeamStatus.FREE,
          new GeoPoint(23.1380, 113.3320), null),
      new PatrolTeam("team-tianhe-2", "天河二队", "org-station-tianhe", List.of(), TeamStatus.FREE,
          new GeoPoint(23.1180, 113.4020), null),
      new PatrolTeam("team-baiyun-1", "白云一队", "org-station-baiyun", List.of("chen.caseworker"), TeamStatus.FREE,
          new GeoPoint(23.1950, 113.2700), null));

  private final PatrolTeams teams;

  DemoTeams(PatrolTeams teams) {
    this.teams = teams;
  }

  @EventListener(ApplicationReadyEvent.class)
  void addDemoTeams() {
    for (PatrolTeam team : TEAMS) {
      teams.addIfAbsent(new PatrolTeam(team.id(), team.name(), team.stationId(), team.members(), team.status(),
          team.position(), Instant.now()));
    }
  }
}
