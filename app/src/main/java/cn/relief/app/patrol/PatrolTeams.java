package cn.relief.app.patrol;

import cn.relief.app.geo.GeoPoint;
import cn.relief.app.storage.AppSchema;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The patrol teams in PostgreSQL ({@code relief_app.patrol_team}). */
@Component
public class PatrolTeams {
  private static final String TABLE = AppSchema.SCHEMA + ".patrol_team";
  private static final String COLUMNS = "id, name, station_id, members, status, latitude, longitude, position_at";

  private final JdbcTemplate jdbc;

  PatrolTeams(AppSchema schema, JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<PatrolTeam> all() {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " ORDER BY station_id, id", PatrolTeams::team);
  }

  public Optional<PatrolTeam> byId(String id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id = ?", PatrolTeams::team, id).stream()
        .findFirst();
  }

  /** The team's name for pages and process variables; its id if it is gone; null for no team. */
  public String nameOf(String teamId) {
    return teamId == null ? null : byId(teamId).map(PatrolTeam::name).orElse(teamId);
  }

  /** The team the user patrols with, if any. */
  public Optional<PatrolTeam> ofMember(String username) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE ? = ANY (members) ORDER BY id",
        PatrolTeams::team, username).stream().findFirst();
  }

  /** Adds the team unless one with its id exists (the demo teams at every start). */
  public void addIfAbsent(PatrolTeam team) {
    jdbc.update("INSERT INTO " + TABLE + " (id, name, station_id, members, status, latitude, longitude, position_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", team.id(), team.name(), team.stationId(),
        team.members().toArray(String[]::new), team.status().name(),
        team.position() == null ? null : team.position().latitude(),
        team.position() == null ? null : team.position().longitude(),
        team.positionAt() == null ? null : Timestamp.from(team.positionAt()));
  }

  public void movedTo(String id, GeoPoint position, Instant at) {
    jdbc.update("UPDATE " + TABLE + " SET latitude = ?, longitude = ?, position_at = ? WHERE id = ?",
        position.latitude(), position.longitude(), Timestamp.from(at), id);
  }

  /** Sets the status if it is still {@code expected}; false if another dispatcher was quicker. */
  public boolean changeStatus(String id, TeamStatus expected, TeamStatus status) {
    return jdbc.update("UPDATE " + TABLE + " SET status = ? WHERE id = ? AND status = ?", status.name(), id,
        expected.name()) == 1;
  }

  private static PatrolTeam team(ResultSet row, int n) throws SQLException {
    Array members = row.getArray("members");
    double latitude = row.getDouble("latitude");
    GeoPoint position = row.wasNull() ? null : new GeoPoint(latitude, row.getDouble("longitude"));
    Timestamp at = row.getTimestamp("position_at");
    return new PatrolTeam(row.getString("id"), row.getString("name"), row.getString("station_id"),
        Arrays.asList((String[]) members.getArray()), TeamStatus.valueOf(row.getString("status")), position,
        at == null ? null : at.toInstant());
  }
}
