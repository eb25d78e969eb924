package cn.relief.app.patrol;

import cn.relief.app.storage.AppSchema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Patrol rounds in PostgreSQL ({@code relief_app.patrol_round}). */
@Component
public class PatrolRounds {
  private static final String TABLE = AppSchema.SCHEMA + ".patrol_round";
  private static final String COLUMNS = "id, kind, area_id, station_id, plan_id, team_id, due_at, process_instance_key,"
      + " started_by, started_at, finished_by, finished_at";

  private final JdbcTemplate jdbc;

  PatrolRounds(AppSchema schema, JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The plan's round at the time, unless it exists (two planners, or one run twice, add it once). */
  public Optional<Long> addPlanned(PatrolPlan plan, String stationId, Instant dueAt) {
    return jdbc.query("INSERT INTO " + TABLE + " (kind, area_id, station_id, plan_id, team_id, due_at, created_by)"
            + " VALUES ('PLANNED', ?, ?, ?, ?, ?, 'planner') ON CONFLICT (plan_id, due_at) DO NOTHING RETURNING id",
        (row, n) -> row.getLong(1), plan.areaId(), stationId, plan.id(), plan.teamId(), Timestamp.from(dueAt))
        .stream().findFirst();
  }

  /** A round outside the plans, due now: an extra one (with or without a team) or a weather alert's. */
  public long add(RoundKind kind, PatrolArea area, String teamId, Instant dueAt, String createdBy) {
    return jdbc.queryForObject("INSERT INTO " + TABLE + " (kind, area_id, station_id, team_id, due_at, created_by)"
            + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id", Long.class, kind.name(), area.id(), area.stationId(), teamId,
        Timestamp.from(dueAt), createdBy);
  }

  public Optional<PatrolRound> byId(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id = ?", PatrolRounds::round, id).stream()
        .findFirst();
  }

  public void recordProcess(long id, long processInstanceKey) {
    jdbc.update("UPDATE " + TABLE + " SET process_instance_key = ? WHERE id = ? AND process_instance_key IS NULL",
        processInstanceKey, id);
  }

  /** Rounds the application starts itself (not by a signal) whose process is not started yet. */
  public List<PatrolRound> withoutProcess(Instant dueSince) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE process_instance_key IS NULL"
            + " AND kind IN ('PLANNED', 'EXTRA') AND finished_at IS NULL AND due_at >= ? ORDER BY due_at",
        PatrolRounds::round, Timestamp.from(dueSince));
  }

  /**
   * The unfinished rounds the team may work: its own and its station's rounds without a team, due
   * in {@code [from, to]}, earliest first.
   */
  public List<PatrolRound> openFor(PatrolTeam team, Instant from, Instant to) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE finished_at IS NULL AND due_at BETWEEN ? AND ?"
            + " AND (team_id = ? OR (team_id IS NULL AND station_id = ?)) ORDER BY due_at, id", PatrolRounds::round,
        Timestamp.from(from), Timestamp.from(to), team.id(), team.stationId());
  }

  /** A station's rounds (every station's if null) due in {@code [from, to]}, for the areas page. */
  public List<PatrolRound> dueBetween(String stationId, Instant from, Instant to) {
    String station = stationId == null ? "" : " AND station_id = ?";
    Object[] arguments = stationId == null ? new Object[] {Timestamp.from(from), Timestamp.from(to)}
        : new Object[] {Timestamp.from(from), Timestamp.from(to), stationId};
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE due_at BETWEEN ? AND ?" + station
        + " ORDER BY due_at DESC, id DESC", PatrolRounds::round, arguments);
  }

  /** The round the team has started and not finished, if any (its check-ins count for it). */
  public Optional<PatrolRound> runningOf(String teamId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE team_id = ? AND started_at IS NOT NULL"
        + " AND finished_at IS NULL ORDER BY started_at DESC LIMIT 1", PatrolRounds::round, teamId).stream().findFirst();
  }

  /** The team starts the round, taking it if it had no team; false if it was started or taken meanwhile. */
  public boolean start(long id, String teamId, String username, Instant at) {
    return jdbc.update("UPDATE " + TABLE + " SET team_id = ?, started_by = ?, started_at = ? WHERE id = ?"
        + " AND started_at IS NULL AND (team_id IS NULL OR team_id = ?)", teamId, username, Timestamp.from(at), id,
        teamId) == 1;
  }

  /** Undoes {@link #start} when the engine refused the claim (the round is offered again). */
  public void unstart(long id, String username, boolean hadTeam) {
    jdbc.update("UPDATE " + TABLE + " SET started_by = NULL, started_at = NULL"
        + (hadTeam ? "" : ", team_id = NULL") + " WHERE id = ? AND started_by = ? AND finished_at IS NULL", id, username);
  }

  /** Forgets a round whose signal could not be broadcast (nothing started it). */
  public void remove(long id) {
    jdbc.update("DELETE FROM " + TABLE + " WHERE id = ? AND process_instance_key IS NULL AND started_at IS NULL", id);
  }

  /** Marks the round finished; false if it was already (another member finished it meanwhile). */
  public boolean finish(long id, String username, Instant at) {
    return jdbc.update("UPDATE " + TABLE + " SET finished_by = ?, finished_at = ? WHERE id = ? AND finished_at IS NULL",
        username, Timestamp.from(at), id) == 1;
  }

  /** Undoes {@link #finish} when the engine refused the round's record (the member may try again). */
  public void unfinish(long id, String username) {
    jdbc.update("UPDATE " + TABLE + " SET finished_by = NULL, finished_at = NULL WHERE id = ? AND finished_by = ?", id,
        username);
  }

  private static PatrolRound round(ResultSet row, int n) throws SQLException {
    long plan = row.getLong("plan_id");
    Long planId = row.wasNull() ? null : plan;
    long key = row.getLong("process_instance_key");
    Long processInstanceKey = row.wasNull() ? null : key;
    return new PatrolRound(row.getLong("id"), RoundKind.valueOf(row.getString("kind")), row.getString("area_id"),
        row.getString("station_id"), planId, row.getString("team_id"), row.getTimestamp("due_at").toInstant(),
        processInstanceKey, row.getString("started_by"), instant(row, "started_at"), row.getString("finished_by"),
        instant(row, "finished_at"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp at = row.getTimestamp(column);
    return at == null ? null : at.toInstant();
  }
}
