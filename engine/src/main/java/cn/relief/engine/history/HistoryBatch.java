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

  HistoryBatch(Connection connection) {
    this.connection = connection;
  }

  void insert(String sql, Object... parameters) throws SQLException {
    add(inserts, sql, parameters);
  }

  void update(String sql, Object... parameters) throws SQLException {
    add(updates, sql, parameters);
  }

  void execute() throws SQLException {
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
