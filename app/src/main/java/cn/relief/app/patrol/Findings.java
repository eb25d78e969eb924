package cn.relief.app.patrol;

import cn.relief.app.geo.GeoPoint;
import cn.relief.app.reports.AgeGroup;
import cn.relief.app.reports.ReportedSex;
import cn.relief.app.storage.AppSchema;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Persons found on rounds in PostgreSQL ({@code relief_app.patrol_finding}). */
@Component
public class Findings {
  private static final String TABLE = AppSchema.SCHEMA + ".patrol_finding";

  private final JdbcTemplate jdbc;

  Findings(AppSchema schema, JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void add(Finding finding) {
    jdbc.update("INSERT INTO " + TABLE + " (round_id, username, latitude, longitude, location_text, description, sex,"
            + " age_group, accepts_help, is_minor, needs_medical_care, advice_given, at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", finding.roundId(), finding.username(),
        finding.place() == null ? null : finding.place().latitude(),
        finding.place() == null ? null : finding.place().longitude(), finding.locationText(), finding.description(),
        finding.sex().name(), finding.ageGroup().name(), finding.acceptsHelp(), finding.isMinor(),
        finding.needsMedicalCare(), finding.adviceGiven(), Timestamp.from(finding.at()));
  }

  /** The round's findings in the order they were entered. */
  public List<Finding> ofRound(long roundId) {
    return jdbc.query("SELECT round_id, username, latitude, longitude, location_text, description, sex, age_group,"
            + " accepts_help, is_minor, needs_medical_care, advice_given, at FROM " + TABLE
            + " WHERE round_id = ? ORDER BY id", (row, n) -> {
              double latitude = row.getDouble("latitude");
              GeoPoint place = row.wasNull() ? null : new GeoPoint(latitude, row.getDouble("longitude"));
              return new Finding(row.getLong("round_id"), row.getString("username"), place,
                  row.getString("location_text"), row.getString("description"),
                  ReportedSex.valueOf(row.getString("sex")), AgeGroup.valueOf(row.getString("age_group")),
                  row.getBoolean("accepts_help"), row.getBoolean("is_minor"), row.getBoolean("needs_medical_care"),
                  row.getString("advice_given"), row.getTimestamp("at").toInstant());
            }, roundId);
  }
}
