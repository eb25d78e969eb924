package cn.relief.app.patrol;

import cn.relief.app.geo.GeoPoint;
import cn.relief.app.storage.AppSchema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Patrol check-ins in PostgreSQL ({@code relief_app.patrol_checkin}). */
@Component
public class CheckIns {
  private static final String TABLE = AppSchema.SCHEMA + ".patrol_checkin";
  private static final String COLUMNS = "team_id, username, latitude, longitude, note, at, round_id";

  private final JdbcTemplate jdbc;

  CheckIns(AppSchema schema, JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void add(CheckIn checkIn) {
    jdbc.update("INSERT INTO " + TABLE + " (team_id, username, latitude, longitude, note, at, round_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)", checkIn.teamId(), checkIn.username(), checkIn.place().latitude(),
        checkIn.place().longitude(), checkIn.note(), Timestamp.from(checkIn.at()), checkIn.roundId());
  }

  /** A team's latest check-ins, newest first. */
  public List<CheckIn> latest(String teamId, int limit) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE team_id = ? ORDER BY at DESC, id DESC LIMIT ?",
        CheckIns::checkIn, teamId, limit);
  }

  /** Each team's latest check-in, by team id (teams without any are absent): one query for the board. */
  public Map<String, CheckIn> latestOfEach(Collection<String> teamIds) {
    Map<String, CheckIn> latest = new LinkedHashMap<>();
    if (teamIds.isEmpty()) {
      return latest;
    }
    jdbc.query("SELECT DISTINCT ON (team_id) " + COLUMNS + " FROM " + TABLE + " WHERE team_id = ANY (?)"
            + " ORDER BY team_id, at DESC, id DESC", CheckIns::checkIn, (Object) teamIds.toArray(String[]::new))
        .forEach(checkIn -> latest.put(checkIn.teamId(), checkIn));
    return latest;
  }

  /** The check-ins made while the round was running, oldest first. */
  public List<CheckIn> ofRound(long roundId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE round_id = ? ORDER BY at, id", CheckIns::checkIn,
        roundId);
  }

  private static CheckIn checkIn(ResultSet row, int n) throws SQLException {
    long round = row.getLong("round_id");
    Long roundId = row.wasNull() ? null : round;
    return new CheckIn(row.getString("team_id"), row.getString("username"),
        new GeoPoint(row.getDouble("latitude"), row.getDouble("longitude")), row.getString("note"),
        row.getTimestamp("at").toInstant(), roundId);
  }
}
