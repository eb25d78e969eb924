package cn.relief.app.patrol;

import cn.relief.app.geo.GeoPoint;
import cn.relief.app.storage.AppSchema;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Patrol areas and their checkpoints in PostgreSQL ({@code relief_app.patrol_area}, {@code patrol_checkpoint}). */
@Component
public class PatrolAreas {
  private static final String AREA = AppSchema.SCHEMA + ".patrol_area";
  private static final String CHECKPOINT = AppSchema.SCHEMA + ".patrol_checkpoint";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  PatrolAreas(AppSchema schema, JdbcTemplate jdbc, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.transaction = transaction;
  }

  /** Every station's areas, or one station's (stationId not null), by station and name. */
  public List<PatrolArea> list(String stationId) {
    Map<String, List<Checkpoint>> checkpoints = new LinkedHashMap<>();
    jdbc.query("SELECT area_id, name, latitude, longitude FROM " + CHECKPOINT + " ORDER BY area_id, position",
        row -> {
          checkpoints.computeIfAbsent(row.getString("area_id"), id -> new ArrayList<>()).add(new Checkpoint(
              row.getString("name"), new GeoPoint(row.getDouble("latitude"), row.getDouble("longitude"))));
        });
    String where = stationId == null ? "" : " WHERE station_id = ?";
    Object[] arguments = stationId == null ? new Object[0] : new Object[] {stationId};
    return jdbc.query("SELECT id, name, station_id FROM " + AREA + where + " ORDER BY station_id, name",
        (row, n) -> new PatrolArea(row.getString("id"), row.getString("name"), row.getString("station_id"),
            List.copyOf(checkpoints.getOrDefault(row.getString("id"), List.of()))), arguments);
  }

  public Optional<PatrolArea> byId(String id) {
    List<Checkpoint> checkpoints = jdbc.query("SELECT name, latitude, longitude FROM " + CHECKPOINT
            + " WHERE area_id = ? ORDER BY position",
        (row, n) -> new Checkpoint(row.getString("name"), new GeoPoint(row.getDouble("latitude"),
            row.getDouble("longitude"))), id);
    return jdbc.query("SELECT id, name, station_id FROM " + AREA + " WHERE id = ?",
        (row, n) -> new PatrolArea(row.getString("id"), row.getString("name"), row.getString("station_id"),
            checkpoints), id).stream().findFirst();
  }

  /** Adds the area with its checkpoints; false if its id or its name in the station is taken. */
  public boolean add(PatrolArea area, String createdBy) {
    Boolean added = transaction.execute(status -> {
      int rows = jdbc.update("INSERT INTO " + AREA + " (id, name, station_id, created_by, created_at)"
              + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", area.id(), area.name(), area.stationId(), createdBy,
          Timestamp.from(Instant.now()));
      if (rows == 0) {
        return false;
      }
      for (int i = 0; i < area.checkpoints().size(); i++) {
        Checkpoint checkpoint = area.checkpoints().get(i);
        jdbc.update("INSERT INTO " + CHECKPOINT + " (area_id, position, name, latitude, longitude)"
                + " VALUES (?, ?, ?, ?, ?)", area.id(), i, checkpoint.name(), checkpoint.place().latitude(),
            checkpoint.place().longitude());
      }
      return true;
    });
    return Boolean.TRUE.equals(added);
  }
}
