package cn.relief.app.dispatch;

import cn.relief.app.geo.GeoPoint;
import cn.relief.app.storage.AppSchema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The dispatch columns of the discovery reports: which team went, when it was sent and arrived,
 * the outcome and when the report closed. Updates are conditional (a report is dispatched once,
 * closed once), so two dispatchers clicking at once cannot both win.
 */
@Component
public class DispatchRecords {
  private static final String TABLE = AppSchema.SCHEMA + ".discovery_report";
  private static final String SELECT = "SELECT r.id, r.reference, r.source, r.received_at, r.seen_at, r.latitude,"
      + " r.longitude, r.location_text, r.area_name, r.description, r.sex, r.age_group, r.needs_medical_care,"
      + " r.station_id, r.process_instance_key, r.team_id, r.dispatched_at, r.arrived_at, r.photo IS NOT NULL AS has_photo,"
      + " r.reporter_phone, (SELECT count(*) FROM " + TABLE + " l WHERE l.linked_to = r.id) AS sightings FROM " + TABLE
      + " r WHERE r.linked_to IS NULL AND r.closed_at IS NULL";

  private final JdbcTemplate jdbc;

  DispatchRecords(AppSchema schema, JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Open first reports, oldest first; of one station, or all when {@code stationId} is null. */
  public List<OpenReport> open(String stationId) {
    return stationId == null ? jdbc.query(SELECT + " ORDER BY r.received_at", DispatchRecords::report)
        : jdbc.query(SELECT + " AND r.station_id = ? ORDER BY r.received_at", DispatchRecords::report, stationId);
  }

  public Optional<OpenReport> byReference(String reference) {
    return jdbc.query(SELECT + " AND r.reference = ?", DispatchRecords::report, reference).stream().findFirst();
  }

  /** The open report a team was sent to, if any. */
  public Optional<OpenReport> assignedTo(String teamId) {
    return jdbc.query(SELECT + " AND r.team_id = ? ORDER BY r.dispatched_at", DispatchRecords::report, teamId).stream()
        .findFirst();
  }

  public boolean dispatched(long id, String teamId, Instant at) {
    return jdbc.update("UPDATE " + TABLE + " SET team_id = ?, dispatched_at = ?, status = 'DISPATCHED'"
        + " WHERE id = ? AND team_id IS NULL AND closed_at IS NULL", teamId, Timestamp.from(at), id) == 1;
  }

  public boolean arrived(long id, Instant at) {
    return jdbc.update("UPDATE " + TABLE + " SET arrived_at = ? WHERE id = ? AND arrived_at IS NULL AND closed_at IS NULL",
        Timestamp.from(at), id) == 1;
  }

  /** The sightings linked to each of the first reports, oldest first, by first report's id: one query. */
  public Map<Long, List<Sighting>> sightingsOf(Collection<Long> firstIds) {
    Map<Long, List<Sighting>> sightings = new HashMap<>();
    if (firstIds.isEmpty()) {
      return sightings;
    }
    jdbc.query("SELECT id, linked_to, reference, source, seen_at, location_text, description, reporter_phone,"
        + " photo IS NOT NULL AS has_photo FROM " + TABLE + " WHERE linked_to = ANY (?) ORDER BY received_at, id",
        (RowCallbackHandler) row -> sightings.computeIfAbsent(row.getLong("linked_to"), id -> new ArrayList<>())
            .add(new Sighting(row.getLong("id"), row.getString("reference"), row.getString("source"),
                instant(row, "seen_at"), row.getString("location_text"), row.getString("description"),
                row.getString("reporter_phone"), row.getBoolean("has_photo"))),
        (Object) firstIds.toArray(Long[]::new));
    return sightings;
  }

  /** Closes the report and the sightings linked to it. */
  public boolean closed(long id, String outcome, Instant at) {
    int closed = jdbc.update("UPDATE " + TABLE + " SET outcome = ?, closed_at = ?, status = 'CLOSED'"
        + " WHERE (id = ? OR linked_to = ?) AND closed_at IS NULL", outcome, Timestamp.from(at), id, id);
    return closed > 0;
  }

  private static OpenReport report(ResultSet row, int n) throws SQLException {
    long key = row.getLong("process_instance_key");
    Long processInstanceKey = row.wasNull() ? null : key;
    return new OpenReport(row.getLong("id"), row.getString("reference"), row.getString("source"),
        instant(row, "received_at"), instant(row, "seen_at"), new GeoPoint(row.getDouble("latitude"),
        row.getDouble("longitude")), row.getString("location_text"), row.getString("area_name"),
        row.getString("description"), row.getString("sex"), row.getString("age_group"),
        row.getBoolean("needs_medical_care"), row.getString("station_id"), processInstanceKey, row.getString("team_id"),
        instant(row, "dispatched_at"), instant(row, "arrived_at"), row.getInt("sightings"), row.getBoolean("has_photo"),
        row.getString("reporter_phone"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp time = row.getTimestamp(column);
    return time == null ? null : time.toInstant();
  }
}
