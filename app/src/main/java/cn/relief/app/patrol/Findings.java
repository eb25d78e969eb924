package cn.relief.app.patrol;

import cn.relief.app.geo.GeoPoint;
import cn.relief.app.reports.AgeGroup;
import cn.relief.app.reports.ReportedSex;
import cn.relief.app.storage.AppSchema;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Persons found on rounds in PostgreSQL ({@code relief_app.patrol_finding}). */
@Component
public class Findings {
  private static final String TABLE = AppSchema.SCHEMA + ".patrol_finding";
  private static final String ROUNDS = AppSchema.SCHEMA + ".patrol_round";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  Findings(AppSchema schema, JdbcTemplate jdbc, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.transaction = transaction;
  }

  /**
   * Adds the finding unless its round is finished; false if it is. The round's row is share-locked
   * meanwhile: finishing a round (an update of that row) waits for findings being added, so none is
   * stored after the round's findings were read for its record.
   */
  public boolean add(Finding finding) {
    return Boolean.TRUE.equals(transaction.execute(status -> {
      if (jdbc.queryForList("SELECT id FROM " + ROUNDS + " WHERE id = ? AND finished_at IS NULL FOR SHARE",
          Long.class, finding.roundId()).isEmpty()) {
        return false;
      }
      insert(finding);
      return true;
    }));
  }

  private void insert(Finding finding) {
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
