package cn.relief.app.patrol;

import cn.relief.app.storage.AppSchema;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The station heads' patrol plans in PostgreSQL ({@code relief_app.patrol_plan}). */
@Component
public class PatrolPlans {
  private static final String TABLE = AppSchema.SCHEMA + ".patrol_plan";
  private static final String COLUMNS = "id, area_id, team_id, start_time, days, active, created_at";

  private final JdbcTemplate jdbc;

  PatrolPlans(AppSchema schema, JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<PatrolPlan> active() {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE active ORDER BY id", PatrolPlans::plan);
  }

  public List<PatrolPlan> ofArea(String areaId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE area_id = ? AND active ORDER BY start_time, id",
        PatrolPlans::plan, areaId);
  }

  public Optional<PatrolPlan> byId(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id = ?", PatrolPlans::plan, id).stream()
        .findFirst();
  }

  public long add(String areaId, String teamId, LocalTime startTime, Set<DayOfWeek> days, String createdBy,
      Instant createdAt) {
    Integer[] isoDays = days.stream().map(DayOfWeek::getValue).sorted().toArray(Integer[]::new);
    return jdbc.queryForObject("INSERT INTO " + TABLE + " (area_id, team_id, start_time, days, created_by, created_at)"
            + " VALUES (?, ?, ?, ?::smallint[], ?, ?) RETURNING id", Long.class, areaId, teamId, Time.valueOf(startTime),
        isoDays, createdBy, Timestamp.from(createdAt));
  }

  /** Ends the plan (its rounds stay in the record); false if it was not active. */
  public boolean end(long id) {
    return jdbc.update("UPDATE " + TABLE + " SET active = false WHERE id = ? AND active", id) == 1;
  }

  private static PatrolPlan plan(ResultSet row, int n) throws SQLException {
    Array days = row.getArray("days");
    Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
    Arrays.stream((Object[]) days.getArray()).map(day -> DayOfWeek.of(((Number) day).intValue())).forEach(set::add);
    return new PatrolPlan(row.getLong("id"), row.getString("area_id"), row.getString("team_id"),
        row.getTime("start_time").toLocalTime(), set, row.getBoolean("active"),
        row.getTimestamp("created_at").toInstant());
  }
}
