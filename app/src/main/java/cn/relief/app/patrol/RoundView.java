package cn.relief.app.patrol;

import java.util.List;

/** A round as the phone page and the areas page show it: its area, team, checkpoints visited, persons found. */
public record RoundView(PatrolRound round, PatrolArea area, String teamName, List<CheckpointVisits.Visit> visits,
    List<Finding> findings) {

  public long visited() {
    return visits.stream().filter(CheckpointVisits.Visit::visited).count();
  }
}
