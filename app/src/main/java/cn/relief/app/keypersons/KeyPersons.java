package cn.relief.app.keypersons;

import cn.relief.app.storage.AppSchema;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The key-persons database and the match decisions, in PostgreSQL. */
@Component
public class KeyPersons {
  private static final String TABLE = AppSchema.SCHEMA + ".key_person";
  private static final String MATCHES = AppSchema.SCHEMA + ".key_person_match";
  private static final String COLUMNS = "id, name, id_number, sex, birth_year, risk, features, home_area, guardian_name,"
      + " guardian_relation, guardian_phone, consent_date, station_id, registered_by, registered_at, returns";

  /** A caseworker's decision on a proposed match. */
  public enum Decision { CONFIRMED, REJECTED }

  private final JdbcTemplate jdbc;

  KeyPersons(AppSchema schema, JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public long register(NewKeyPerson person, String stationId, String registeredBy, Instant at) {
    return jdbc.queryForObject("INSERT INTO " + TABLE + " (name, id_number, sex, birth_year, risk, features, home_area,"
            + " guardian_name, guardian_relation, guardian_phone, consent_date, station_id, registered_by, registered_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", Long.class,
        person.name(), person.idNumber(), person.sex(), person.birthYear(), person.risk().name(), person.features(),
        person.homeArea(), person.guardianName(), person.guardianRelation(), person.guardianPhone(),
        Date.valueOf(person.consentDate()), stationId, registeredBy, Timestamp.from(at));
  }

  /** All entries, or one station's, newest first. */
  public List<KeyPerson> list(String stationId) {
    return stationId == null
        ? jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " ORDER BY id DESC", KeyPersons::person)
        : jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE station_id = ? ORDER BY id DESC",
            KeyPersons::person, stationId);
  }

  public Optional<KeyPerson> byId(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id = ?", KeyPersons::person, id).stream()
        .findFirst();
  }

  /** Entries a case may be: same ID number, or same surname (the matcher weighs the rest). */
  public List<KeyPerson> candidates(String idNumber, String name) {
    String surname = name == null || name.isBlank() ? null : name.strip().substring(0, 1);
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE (id_number IS NOT NULL AND id_number = ?)"
        // typed: PostgreSQL cannot tell the type of a parameter that is only compared with NULL
        + " OR (CAST(? AS text) IS NOT NULL AND left(name, 1) = ?) LIMIT 200", KeyPersons::person, idNumber, surname,
        surname);
  }

  /** Records the decision once; false if this case already has a decision on this person. */
  public boolean decide(long caseInstanceKey, long keyPersonId, Decision decision, String by, Instant at) {
    return jdbc.update("INSERT INTO " + MATCHES + " (case_instance_key, key_person_id, decision, decided_by, decided_at)"
        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", caseInstanceKey, keyPersonId, decision.name(), by,
        Timestamp.from(at)) == 1;
  }

  /** Takes back a decision whose effect on the case could not be made (the engine refused it). */
  public void undecide(long caseInstanceKey, long keyPersonId) {
    jdbc.update("DELETE FROM " + MATCHES + " WHERE case_instance_key = ? AND key_person_id = ?", caseInstanceKey,
        keyPersonId);
  }

  /** The key persons this case has a decision on, by decision. */
  public Set<Long> decided(long caseInstanceKey, Decision decision) {
    return Set.copyOf(jdbc.queryForList("SELECT key_person_id FROM " + MATCHES + " WHERE case_instance_key = ?"
        + " AND decision = ?", Long.class, caseInstanceKey, decision.name()));
  }

  private static KeyPerson person(ResultSet row, int n) throws SQLException {
    int birthYear = row.getInt("birth_year");
    Integer birth = row.wasNull() ? null : birthYear;
    return new KeyPerson(row.getLong("id"), row.getString("name"), row.getString("id_number"), row.getString("sex"),
        birth, Risk.valueOf(row.getString("risk")), row.getString("features"), row.getString("home_area"),
        row.getString("guardian_name"), row.getString("guardian_relation"), row.getString("guardian_phone"),
        row.getDate("consent_date").toLocalDate(), row.getString("station_id"), row.getString("registered_by"),
        row.getTimestamp("registered_at").toInstant(), row.getInt("returns"));
  }
}
