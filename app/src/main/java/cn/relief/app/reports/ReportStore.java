package cn.relief.app.reports;

import cn.relief.app.geo.Area;
import cn.relief.app.geo.GeoPoint;
import cn.relief.app.storage.AppSchema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The discovery reports in PostgreSQL. A report is stored before anything else happens to it (the
 * engine may be unreachable, the process is started afterwards and retried), so what a person
 * reported is never lost. Linking runs under a transaction-scoped advisory lock: two reports of
 * the same person arriving at once must not both become first reports.
 */
@Component
public class ReportStore {
  private static final String TABLE = AppSchema.SCHEMA + ".discovery_report";
  /** The advisory lock that serialises linking (an arbitrary constant of this table's). */
  private static final long LINKING_LOCK = 0x4658_0001L;
  private static final double METRES_PER_DEGREE = 111_320;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneId.of("Asia/Shanghai"));
  private static final String COLUMNS = "id, reference, source, reported_by, received_at, seen_at, latitude, longitude,"
      + " location_text, area_code, area_name, description, sex, age_group, needs_medical_care, linked_to, station_id,"
      + " process_instance_key, photo IS NOT NULL AS has_photo";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;

  ReportStore(AppSchema schema, JdbcTemplate jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /**
   * Stores the report, linked to the first report it is another sighting of (by {@code rule}), and
   * for the station of that first report, else of {@code station}.
   */
  public DiscoveryReport store(NewReport report, Instant receivedAt, Optional<Area> area, String station,
      SightingRule rule) {
    return transactions.execute(status -> {
      jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, LINKING_LOCK);
      Optional<DiscoveryReport> first = rule.match(report, openFirstReportsNear(report, rule));
      long id = jdbc.queryForObject("SELECT nextval('" + AppSchema.SCHEMA + ".discovery_report_number')", Long.class);
      String reference = "FX-" + DAY.format(receivedAt) + "-" + String.format("%06d", id);
      ReportPhoto photo = report.photo();
      jdbc.update("INSERT INTO " + TABLE + " (id, reference, source, reported_by, received_at, seen_at, latitude,"
              + " longitude, location_text, area_code, area_name, description, sex, age_group, needs_medical_care,"
              + " reporter_phone, photo, photo_type, linked_to, station_id, status)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')",
          id, reference, report.source().name(), report.reportedBy(), Timestamp.from(receivedAt),
          Timestamp.from(report.seenAt()), report.place().latitude(), report.place().longitude(),
          report.locationText(), area.map(Area::code).orElse(null), area.map(Area::name).orElse(null),
          report.description(), report.sex().name(), report.ageGroup().name(), report.needsMedicalCare(),
          report.reporterPhone(), photo == null ? null : photo.content(), photo == null ? null : photo.mediaType(),
          first.map(DiscoveryReport::id).orElse(null), first.map(DiscoveryReport::stationId).orElse(station));
      return byId(id).orElseThrow();
    });
  }

  /** Open first reports seen within the rule's window and roughly within its distance (a box around the place). */
  private List<DiscoveryReport> openFirstReportsNear(NewReport report, SightingRule rule) {
    double latitudeDelta = rule.distanceMetres() / METRES_PER_DEGREE;
    double longitudeDelta = rule.distanceMetres()
        / (METRES_PER_DEGREE * Math.max(0.01, Math.cos(Math.toRadians(report.place().latitude()))));
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE linked_to IS NULL AND closed_at IS NULL"
            + " AND seen_at BETWEEN ? AND ? AND latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?",
        ReportStore::report, Timestamp.from(report.seenAt().minus(rule.window())),
        Timestamp.from(report.seenAt().plus(rule.window())), report.place().latitude() - latitudeDelta,
        report.place().latitude() + latitudeDelta, report.place().longitude() - longitudeDelta,
        report.place().longitude() + longitudeDelta);
  }

  public Optional<DiscoveryReport> byId(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id = ?", ReportStore::report, id).stream()
        .findFirst();
  }

  public Optional<DiscoveryReport> byReference(String reference) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE reference = ?", ReportStore::report, reference)
        .stream().findFirst();
  }

  /** The later sightings linked to a first report, oldest first. */
  public List<DiscoveryReport> linkedTo(long firstId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE linked_to = ? ORDER BY id", ReportStore::report,
        firstId);
  }

  /**
   * First reports received before {@code receivedBefore} whose process the engine has not started
   * yet (it was unreachable), oldest first.
   */
  public List<DiscoveryReport> firstReportsWithoutProcess(Instant receivedBefore, int limit) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE linked_to IS NULL AND process_instance_key IS NULL"
        + " AND received_at < ? ORDER BY id LIMIT ?", ReportStore::report, Timestamp.from(receivedBefore), limit);
  }

  /** Linked sightings whose message has not reached the engine, received in {@code [since, before)}. */
  public List<DiscoveryReport> sightingsNotJoined(Instant since, Instant receivedBefore, int limit) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE linked_to IS NOT NULL AND joined_at IS NULL"
            + " AND received_at >= ? AND received_at < ? ORDER BY id LIMIT ?", ReportStore::report,
        Timestamp.from(since), Timestamp.from(receivedBefore), limit);
  }

  public void recordJoined(long id) {
    jdbc.update("UPDATE " + TABLE + " SET joined_at = now() WHERE id = ? AND joined_at IS NULL", id);
  }

  public void recordProcess(long id, long processInstanceKey) {
    jdbc.update("UPDATE " + TABLE + " SET process_instance_key = ? WHERE id = ? AND process_instance_key IS NULL",
        processInstanceKey, id);
  }

  public Optional<ReportPhoto> photo(long id) {
    return jdbc.query("SELECT photo, photo_type FROM " + TABLE + " WHERE id = ? AND photo IS NOT NULL",
        (row, n) -> new ReportPhoto(row.getBytes(1), row.getString(2)), id).stream().findFirst();
  }

  private static DiscoveryReport report(ResultSet row, int n) throws SQLException {
    long linkedTo = row.getLong("linked_to");
    Long linked = row.wasNull() ? null : linkedTo;
    long key = row.getLong("process_instance_key");
    Long processInstanceKey = row.wasNull() ? null : key;
    return new DiscoveryReport(row.getLong("id"), row.getString("reference"), ReportSource.valueOf(row.getString("source")),
        row.getString("reported_by"), row.getTimestamp("received_at").toInstant(),
        row.getTimestamp("seen_at").toInstant(), new GeoPoint(row.getDouble("latitude"), row.getDouble("longitude")),
        row.getString("location_text"), row.getString("area_code"), row.getString("area_name"),
        row.getString("description"), ReportedSex.valueOf(row.getString("sex")), AgeGroup.valueOf(row.getString("age_group")),
        row.getBoolean("needs_medical_care"), linked, row.getString("station_id"), processInstanceKey,
        row.getBoolean("has_photo"));
  }
}
