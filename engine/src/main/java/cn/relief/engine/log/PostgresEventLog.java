package cn.relief.engine.log;

import cn.relief.engine.record.Record;
import cn.relief.engine.record.RecordType;
import cn.relief.engine.record.RecordValue;
import cn.relief.engine.record.ValueType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The event log in PostgreSQL. A batch is written with multi-row inserts in one transaction, so
 * many commands share one commit (group commit); the engine replies only after it returns.
 */
public final class PostgresEventLog implements EventLog {
  private static final int ROWS_PER_STATEMENT = 500;
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
  public void append(List<Record> records) throws EventLogException {
    if (records.isEmpty()) {
      return;
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        for (int from = 0; from < records.size(); from += ROWS_PER_STATEMENT) {
          insert(connection, records.subList(from, Math.min(records.size(), from + ROWS_PER_STATEMENT)));
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection);
        throw e;
      }
    } catch (SQLException e) {
      throw new EventLogException("Could not append " + records.size() + " records to the event log", e);
    }
  }

  private void insert(Connection connection, List<Record> chunk) throws SQLException {
    StringBuilder sql = new StringBuilder(64 + chunk.size() * 40).append("INSERT INTO engine_record ").append(COLUMNS).append(" VALUES ");
    for (int i = 0; i < chunk.size(); i++) {
      sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?::jsonb)");
    }
    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      int p = 1;
      for (Record record : chunk) {
        statement.setInt(p++, partitionId);
        statement.setLong(p++, record.position());
        statement.setLong(p++, record.key());
        statement.setString(p++, record.recordType().name());
        statement.setString(p++, record.valueType().name());
        statement.setString(p++, record.intent());
        setNullableString(statement, p++, record.rejectionType());
        setNullableString(statement, p++, record.rejectionReason());
        statement.setLong(p++, record.timestamp());
        statement.setString(p++, toJson(record.value()));
      }
      statement.executeUpdate();
    }
  }

  @Override
  public void replay(Consumer<Record> consumer) throws EventLogException {
    String sql = "SELECT position, record_key, record_type, value_type, intent, rejection_type, rejection_reason, "
        + "created_at, value::text FROM engine_record WHERE partition_id = ? ORDER BY position";
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false); // lets the driver stream with a cursor instead of loading everything
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setFetchSize(2000);
        statement.setInt(1, partitionId);
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

  private static void setNullableString(PreparedStatement statement, int index, String value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
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
