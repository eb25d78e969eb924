package cn.relief.app.patrol;

import cn.relief.app.geo.GeoPoint;
import cn.relief.app.storage.AppSchema;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Patrol check-ins in PostgreSQL ({@code relief_app.patrol_checkin}). */
@Component
public class CheckIns {
  private static final String TABLE = AppSchema.SCHEMA + ".patrol_checkin";

  private final JdbcTemplate jdbc;

  CheckIns(AppSchema schema, JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void add(CheckIn checkIn) {
    jdbc.update("INSERT INTO " + TABLE + " (team_id, username, latitude, longitude, note, at) VALUES (?, ?, ?, ?, ?, ?)",
        checkIn.teamId(), checkIn.username(), checkIn.place().latitude(), checkIn.place().longitude(), checkIn.note(),
        Timestamp.from(checkIn.at()));
  }

  /** A team's latest check-ins, newest first. */
  public List<CheckIn> latest(String teamId, int limit) {
    return jdbc.query("SELECT team_id, username, latitude, longitude, note, at FROM " + TABLE
            + " WHERE team_id = ? ORDER BY at DESC, id DESC LIMIT ?",
        (row, n) -> new CheckIn(row.getString("team_id"), row.getString("username"),
            new GeoPoint(row.getDouble("latitude"), row.getDouble("longitude")), row.getString("note"),
            row.getTimestamp("at").toInstant()), teamId, limit);
  }
}
