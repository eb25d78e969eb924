package cn.relief.engine.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The statements one projected batch of records runs, as JDBC batches. Inserts run before
 * updates, so that a row created and changed within the same batch is first there and then
 * changed; within each phase statements keep the order of the records.
 */
final class HistoryBatch implements AutoCloseable {
  private final Connection connection;
  private final Map<String, PreparedStatement> inserts = new LinkedHashMap<>();
  private final Map<String, PreparedStatement> updates = new LinkedHashMap<>();
  /** Rows inserted by this batch, still changeable in memory: most elements start and end in one batch. */
  private final Map<String, Map<Long, Object[]>> pending = new LinkedHashMap<>();

  HistoryBatch(Connection connection) {
    this.connection = connection;
  }

  void insert(String sql, Object... parameters) throws SQLException {
    add(inserts, sql, parameters);
  }

  void update(String sql, Object... parameters) throws SQLException {
    add(updates, sql, parameters);
  }

  /** An insert whose values later events of the same batch may still change (see {@link #changePending}). */
  void insertPending(String sql, long key, Object... parameters) {
    pending.computeIfAbsent(sql, s -> new LinkedHashMap<>()).put(key, parameters);
  }

  /** Changes a value of a row inserted by this batch; false if the row is not from this batch. */
  boolean changePending(String sql, long key, int index, Object value) {
    Object[] row = pending.getOrDefault(sql, Map.of()).get(key);
    if (row == null) {
      return false;
    }
    row[index] = value;
    return true;
  }

  Object pendingValue(String sql, long key, int index) {
    Object[] row = pending.getOrDefault(sql, Map.of()).get(key);
    return row == null ? null : row[index];
  }

  void execute() throws SQLException {
    for (Map.Entry<String, Map<Long, Object[]>> rows : pending.entrySet()) {
      for (Object[] row : rows.getValue().values()) {
        add(inserts, rows.getKey(), row);
      }
    }
    for (PreparedStatement statement : inserts.values()) {
      statement.executeBatch();
    }
    for (PreparedStatement statement : updates.values()) {
      statement.executeBatch();
    }
  }

  private void add(Map<String, PreparedStatement> phase, String sql, Object[] parameters) throws SQLException {
    PreparedStatement statement = phase.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      phase.put(sql, statement);
    }
    for (int i = 0; i < parameters.length; i++) {
      Object value = parameters[i];
      if (value == null) {
        statement.setNull(i + 1, Types.NULL);
      } else if (value instanceof Timestamp timestamp) {
        statement.setTimestamp(i + 1, timestamp);
      } else {
        statement.setObject(i + 1, value);
      }
    }
    statement.addBatch();
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement statement : inserts.values()) {
      statement.close();
    }
    for (PreparedStatement statement : updates.values()) {
      statement.close();
    }
  }
}
