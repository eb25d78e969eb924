package cn.relief.engine.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * What the event log and the audit trail in PostgreSQL say after a run with faults: read with SQL
 * straight from the tables, so that the engine's own view cannot hide a lost or doubled record.
 */
final class EventLogChecks {
  private final Supplier<DataSource> database;

  /** A supplier: the fault suite's PostgreSQL is a new server object after each restart. */
  EventLogChecks(Supplier<DataSource> database) {
    this.database = database;
  }

  Set<Long> createdInstances() throws SQLException {
    return keys("SELECT record_key FROM engine_record WHERE value_type = 'PROCESS_INSTANCE_CREATION'"
        + " AND intent = 'CREATED' AND record_type = 'EVENT'");
  }

  Set<Long> instancesCompletedOnce() throws SQLException {
    return keys("SELECT record_key FROM engine_record WHERE value_type = 'PROCESS_INSTANCE'"
        + " AND intent = 'ELEMENT_COMPLETED' AND value::jsonb->>'bpmnElementType' = 'PROCESS'"
        + " GROUP BY record_key HAVING count(*) = 1");
  }

  long elementInstancesActivatedOrCompletedTwice() throws SQLException {
    return count("SELECT count(*) FROM (SELECT record_key FROM engine_record WHERE record_type = 'EVENT'"
        + " AND intent IN ('ELEMENT_COMPLETED', 'ELEMENT_ACTIVATING') GROUP BY record_key, intent"
        + " HAVING count(*) > 1) twice");
  }

  long jobsCreated() throws SQLException {
    return count("SELECT count(*) FROM engine_record WHERE value_type = 'JOB' AND intent = 'CREATED'");
  }

  long jobsCompletedTwice() throws SQLException {
    return count("SELECT count(*) FROM (SELECT record_key FROM engine_record WHERE value_type = 'JOB'"
        + " AND intent = 'COMPLETED' GROUP BY record_key HAVING count(*) > 1) twice");
  }

  long jobsNeverCompleted() throws SQLException {
    return count("SELECT count(*) FROM engine_record j WHERE j.value_type = 'JOB' AND j.intent = 'CREATED'"
        + " AND NOT EXISTS (SELECT 1 FROM engine_record c WHERE c.record_key = j.record_key"
        + " AND c.value_type = 'JOB' AND c.intent = 'COMPLETED')");
  }

  long jobsTimedOut() throws SQLException {
    return count("SELECT count(*) FROM engine_record WHERE value_type = 'JOB' AND intent = 'TIMED_OUT'");
  }

  /** Positions missing or doubled between 1 and the last: zero for a log without gaps or duplicates. */
  long positionGapsOrDuplicates() throws SQLException {
    return count("SELECT (max(position) - count(DISTINCT position)) + (count(*) - count(DISTINCT position))"
        + " + (min(position) - 1) FROM engine_record");
  }

  long records() throws SQLException {
    return count("SELECT count(*) FROM engine_record");
  }

  /**
   * Created instances without exactly one accepted creation in the audit trail, plus accepted
   * creations of no instance in the log: zero when the trail and the log agree.
   */
  long createdInstancesNotAuditedOnce() throws SQLException {
    return auditedOnceMismatches("CREATE_PROCESS_INSTANCE", "processInstanceKey",
        "value_type = 'PROCESS_INSTANCE_CREATION' AND intent = 'CREATED' AND record_type = 'EVENT'");
  }

  /** As {@link #createdInstancesNotAuditedOnce}, for completed jobs and accepted completions. */
  long completedJobsNotAuditedOnce() throws SQLException {
    return auditedOnceMismatches("COMPLETE_JOB", "jobKey", "value_type = 'JOB' AND intent = 'COMPLETED'");
  }

  private long auditedOnceMismatches(String operation, String targetKey, String recordCondition) throws SQLException {
    return count("WITH audited AS (SELECT (target::jsonb->>'" + targetKey + "')::bigint AS k, count(*) AS n"
        + " FROM engine_audit WHERE operation = '" + operation + "' AND outcome = 'ACCEPTED' GROUP BY 1),"
        + " logged AS (SELECT record_key AS k, count(*) AS n FROM engine_record WHERE " + recordCondition
        + " GROUP BY 1)"
        + " SELECT count(*) FROM audited a FULL JOIN logged l ON a.k = l.k"
        + " WHERE a.n IS NULL OR l.n IS NULL OR a.n <> 1 OR l.n <> 1");
  }

  /** The sequence of the audit trail's last entry. */
  long auditHead() throws SQLException {
    return count("SELECT max(sequence) FROM engine_audit");
  }

  long auditEntries(String operation, String outcome) throws SQLException {
    return count("SELECT count(*) FROM engine_audit WHERE operation = '" + operation + "' AND outcome = '"
        + outcome + "'");
  }

  void awaitAllCompleted(Duration timeout) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long open = count("SELECT count(*) FROM engine_record c WHERE c.value_type = 'PROCESS_INSTANCE_CREATION'"
          + " AND c.intent = 'CREATED' AND NOT EXISTS (SELECT 1 FROM engine_record e WHERE e.record_key = c.record_key"
          + " AND e.intent = 'ELEMENT_COMPLETED' AND e.value_type = 'PROCESS_INSTANCE')");
      if (open == 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(open + " instances did not complete within " + timeout);
      }
      Thread.sleep(500);
    }
  }

  private Set<Long> keys(String sql) throws SQLException {
    Set<Long> keys = new HashSet<>();
    try (Connection c = database.get().getConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      while (rows.next()) {
        keys.add(rows.getLong(1));
      }
    }
    return keys;
  }

  private long count(String sql) throws SQLException {
    try (Connection c = database.get().getConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
