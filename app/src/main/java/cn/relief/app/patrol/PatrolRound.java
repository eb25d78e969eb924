package cn.relief.app.patrol;

import java.time.Instant;

/**
 * A patrol round: planned from a plan, added by a station head, or started by a weather alert. It
 * runs as an instance of {@code street-patrol} ({@code processInstanceKey}, null until the engine
 * started it or, for a signal, until it was found). A round without a team is offered to every
 * team of its station; the first to start it takes it.
 */
public record PatrolRound(long id, RoundKind kind, String areaId, String stationId, Long planId, String teamId,
    Instant dueAt, Long processInstanceKey, String startedBy, Instant startedAt, String finishedBy,
    Instant finishedAt) {

  public boolean started() {
    return startedAt != null;
  }

  public boolean finished() {
    return finishedAt != null;
  }
}
