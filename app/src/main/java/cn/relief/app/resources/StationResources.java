package cn.relief.app.resources;

import cn.relief.app.geo.GeoPoint;
import cn.relief.app.storage.AppSchema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The stations' resources in PostgreSQL ({@code relief_app.station_resource}). */
@Component
public class StationResources {
  private static final String TABLE = AppSchema.SCHEMA + ".station_resource";
  private static final String COLUMNS = "station_id, name, latitude, longitude, beds_total, beds_occupied, staff_on_duty,"
      + " vehicles_available, medical_care, minors_quarters, shelter, updated_by, updated_at";

  private final JdbcTemplate jdbc;

  StationResources(AppSchema schema, JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<StationResource> all() {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " ORDER BY station_id", StationResources::resource);
  }

  public Optional<StationResource> of(String stationId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE station_id = ?", StationResources::resource,
        stationId).stream().findFirst();
  }

  public void addIfAbsent(StationResource station) {
    jdbc.update("INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (station_id) DO NOTHING", station.stationId(), station.name(), station.place().latitude(),
        station.place().longitude(), station.bedsTotal(), station.bedsOccupied(), station.staffOnDuty(),
        station.vehiclesAvailable(), station.medicalCare(), station.minorsQuarters(), station.shelter(),
        station.updatedBy(), Timestamp.from(station.updatedAt()));
  }

  /** The station's daily figures; false if the station has no record. */
  public boolean report(String stationId, int bedsTotal, int bedsOccupied, int staffOnDuty, int vehiclesAvailable,
      String by, Instant at) {
    return jdbc.update("UPDATE " + TABLE + " SET beds_total = ?, beds_occupied = ?, staff_on_duty = ?,"
            + " vehicles_available = ?, updated_by = ?, updated_at = ? WHERE station_id = ?", bedsTotal, bedsOccupied,
        staffOnDuty, vehiclesAvailable, by, Timestamp.from(at), stationId) == 1;
  }

  private static StationResource resource(ResultSet row, int n) throws SQLException {
    return new StationResource(row.getString("station_id"), row.getString("name"),
        new GeoPoint(row.getDouble("latitude"), row.getDouble("longitude")), row.getInt("beds_total"),
        row.getInt("beds_occupied"), row.getInt("staff_on_duty"), row.getInt("vehicles_available"),
        row.getBoolean("medical_care"), row.getBoolean("minors_quarters"), row.getBoolean("shelter"),
        row.getString("updated_by"), row.getTimestamp("updated_at").toInstant());
  }
}
