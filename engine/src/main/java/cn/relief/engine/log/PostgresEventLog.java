package cn.relief.engine.log;

import cn.relief.engine.audit.AuditColumns;
import cn.relief.engine.audit.AuditEntry;
import cn.relief.engine.record.Record;
import cn.relief.engine.record.RecordType;
import cn.relief.engine.record.RecordValue;
import cn.relief.engine.record.ValueType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The event log in PostgreSQL. A batch is written with one COPY in one transaction, so many
 * commands share one commit (group commit); the engine replies only after it returns.
 */
public final class PostgresEventLog implements EventLog {
  private static final String COLUMNS =
      "(partition_id, position, record_key, record_type, value_type, intent, rejection_type, rejection_reason, created_at, value)";

  private final DataSource dataSource;
  private final ObjectMapper json;
  private final int partitionId;

  public PostgresEventLog(DataSource dataSource, ObjectMapper json, int partitionId) {
    this.dataSource = dataSource;
    this.json = json;
    this.partitionId = partitionId;
  }

  /** Creates or upgrades the engine's tables; the engine keeps its own Flyway history table. */
  public static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/engine")
        .table("engine_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  @Override
  public void append(List<Record> records, List<AuditEntry> auditEntries) throws EventLogException {
    if (records.isEmpty() && auditEntries.isEmpty()) {
      return;
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        if (!records.isEmpty()) {
          copy(connection, records);
        }
        if (!auditEntries.isEmpty()) {
          copyAudit(connection, auditEntries);
        }
        connection.commit();
      } catch (SQLException | IOException | RuntimeException e) {
        rollbackQuietly(connection);
        throw e;
      }
    } catch (SQLException | IOException e) {
      throw new EventLogException("Could not append " + records.size() + " records and " + auditEntries.size()
          + " audit entries to the event log", e);
    }
  }

  /** COPY in PostgreSQL's text format: one round trip for the batch and no per-parameter binding. */
  private void copy(Connection connection, List<Record> records) throws SQLException, IOException {
    StringBuilder rows = new StringBuilder(records.size() * 320);
    for (Record record : records) {
      rows.append(partitionId).append('\t')
          .append(record.position()).append('\t')
          .append(record.key()).append('\t')
          .append(record.recordType().name()).append('\t')
          .append(record.valueType().name()).append('\t')
          .append(record.intent()).append('\t');
      CopyText.append(rows, record.rejectionType()).append('\t');
      CopyText.append(rows, record.rejectionReason()).append('\t');
      rows.append(record.timestamp()).append('\t');
      CopyText.append(rows, toJson(record.value())).append('\n');
    }
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    copy.copyIn("COPY engine_record " + COLUMNS + " FROM STDIN", new StringReader(rows.toString()));
  }

  private static void copyAudit(Connection connection, List<AuditEntry> entries) throws SQLException, IOException {
    StringBuilder rows = new StringBuilder(entries.size() * 400);
    for (AuditEntry entry : entries) {
      rows.append(entry.sequence()).append('\t')
          .append(Instant.ofEpochMilli(entry.recordedAt())).append('\t');
      CopyText.append(rows, entry.callerId()).append('\t');
      CopyText.append(rows, entry.callerKind()).append('\t');
      CopyText.append(rows, entry.operation()).append('\t');
      CopyText.append(rows, entry.target()).append('\t');
      CopyText.append(rows, entry.request()).append('\t');
      CopyText.append(rows, entry.outcome()).append('\t');
      CopyText.append(rows, entry.rejectionType()).append('\t');
      CopyText.append(rows, entry.rejectionMessage()).append('\t');
      CopyText.append(rows, entry.firstPosition() == null ? null : entry.firstPosition().toString()).append('\t');
      CopyText.append(rows, entry.previousHash()).append('\t');
      CopyText.append(rows, entry.hash()).append('\n');
    }
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    copy.copyIn("COPY engine_audit " + AuditColumns.LIST + " FROM STDIN", new StringReader(rows.toString()));
  }

  @Override
  public Optional<AuditEntry> lastAuditEntry() throws EventLogException {
    String sql = "SELECT " + AuditColumns.SELECT + " FROM engine_audit ORDER BY sequence DESC LIMIT 1";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? Optional.of(AuditColumns.read(rows)) : Optional.empty();
    } catch (SQLException e) {
      throw new EventLogException("Could not read the last audit entry", e);
    }
  }

  @Override
  public void replay(Consumer<Record> consumer) throws EventLogException {
    read("", 0, consumer);
  }

  @Override
  public void replayDefinitionsUpTo(long position, Consumer<Record> consumer) throws EventLogException {
    read(" AND value_type IN ('DEPLOYMENT', 'PROCESS', 'DECISION_REQUIREMENTS', 'DECISION', 'FORM') AND position <= ?",
        position, consumer);
  }

  @Override
  public void replayAfter(long position, Consumer<Record> consumer) throws EventLogException {
    read(" AND position > ?", position, consumer);
  }

  @Override
  public void readAfter(long position, int limit, Consumer<Record> consumer) throws EventLogException {
    read(" AND position > ?", position, " LIMIT " + Math.max(1, limit), consumer);
  }

  private void read(String condition, long position, Consumer<Record> consumer) throws EventLogException {
    read(condition, position, "", consumer);
  }

  private void read(String condition, long position, String limit, Consumer<Record> consumer)
      throws EventLogException {
    String sql = "SELECT position, record_key, record_type, value_type, intent, rejection_type, rejection_reason, "
        + "created_at, value FROM engine_record WHERE partition_id = ?" + condition + " ORDER BY position" + limit;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false); // lets the driver stream with a cursor instead of loading everything
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setFetchSize(2000);
        statement.setInt(1, partitionId);
        if (!condition.isEmpty()) {
          statement.setLong(2, position);
        }
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            consumer.accept(read(rows));
          }
        }
      } finally {
        connection.rollback();
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new EventLogException("Could not replay the event log", e);
    }
  }

  @Override
  public void writeSnapshot(long position, byte[] state) throws EventLogException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(
              "INSERT INTO engine_snapshot (partition_id, position, created_at, state) VALUES (?, ?, ?, ?)");
          PreparedStatement prune = connection.prepareStatement(
              "DELETE FROM engine_snapshot WHERE partition_id = ? AND position < ?")) {
        insert.setInt(1, partitionId);
        insert.setLong(2, position);
        insert.setLong(3, System.currentTimeMillis());
        insert.setBytes(4, state);
        insert.executeUpdate();
        prune.setInt(1, partitionId);
        prune.setLong(2, position);
        prune.executeUpdate();
        connection.commit();
      } catch (SQLException e) {
        rollbackQuietly(connection);
        throw e;
      }
    } catch (SQLException e) {
      throw new EventLogException("Could not store a snapshot at position " + position, e);
    }
  }

  @Override
  public Optional<StoredSnapshot> latestSnapshot() throws EventLogException {
    String sql = "SELECT position, state FROM engine_snapshot WHERE partition_id = ? ORDER BY position DESC LIMIT 1";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setInt(1, partitionId);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(new StoredSnapshot(rows.getLong(1), rows.getBytes(2))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new EventLogException("Could not read the latest snapshot", e);
    }
  }

  private Record read(ResultSet rows) throws SQLException, JsonProcessingException {
    RecordType recordType = RecordType.valueOf(rows.getString(3));
    ValueType valueType = ValueType.valueOf(rows.getString(4));
    RecordValue value = recordType == RecordType.EVENT ? json.readValue(rows.getString(9), valueType.valueClass()) : null;
    return new Record(rows.getLong(1), rows.getLong(2), recordType, valueType, rows.getString(5), rows.getString(6),
        rows.getString(7), rows.getLong(8), value);
  }

  private String toJson(RecordValue value) {
    if (value == null) {
      return "{}";
    }
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Record value cannot be written as JSON", e);
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the connection is broken anyway; the original failure is what matters
    }
  }
}
