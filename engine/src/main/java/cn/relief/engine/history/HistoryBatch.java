package cn.relief.engine.history;

import cn.relief.engine.log.CopyText;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * The rows one projected batch of records writes. New rows stay in memory until the end of the
 * batch, so that later events of the same batch change them there (most elements start and end
 * within one batch), and are then written with one COPY per table (one round trip per table; the
 * database's work per row is about that of an INSERT, measured). Updates of rows from earlier
 * batches follow as one JDBC batch per statement: statements in the order they were first used,
 * each statement's rows in the order of the records.
 *
 * <p>Each record is projected exactly once (the position is written in the same transaction), so a
 * new row is never there already; should one be (history rebuilt over rows a purge or a person
 * left), COPY fails and the projector writes that batch again with {@code copy = false}: INSERTs
 * that skip what exists.
 */
final class HistoryBatch implements AutoCloseable {
  private final Connection connection;
  private final boolean copy;
  private final Map<HistoryTable, Map<Object, Object[]>> inserts = new LinkedHashMap<>();
  private final Map<String, PreparedStatement> updates = new LinkedHashMap<>();

  HistoryBatch(Connection connection, boolean copy) {
    this.connection = connection;
    this.copy = copy;
  }

  /** A new row; the first of a key wins, as the database would keep the first. */
  void insert(HistoryTable table, Object... values) {
    inserts.computeIfAbsent(table, t -> new LinkedHashMap<>()).putIfAbsent(values[0], values);
  }

  /** Changes a value of a row inserted by this batch; false if the row is not from this batch. */
  boolean change(HistoryTable table, Object key, int column, Object value) {
    Object[] row = inserts.getOrDefault(table, Map.of()).get(key);
    if (row == null) {
      return false;
    }
    row[column] = value;
    return true;
  }

  /** A value of a row inserted by this batch, or null. */
  Object value(HistoryTable table, Object key, int column) {
    Object[] row = row(table, key);
    return row == null ? null : row[column];
  }

  /** A row inserted by this batch (changes to it are written), or null. */
  Object[] row(HistoryTable table, Object key) {
    return inserts.getOrDefault(table, Map.of()).get(key);
  }

  void update(String sql, Object... parameters) throws SQLException {
    PreparedStatement statement = updates.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      updates.put(sql, statement);
    }
    bind(statement, parameters);
    statement.addBatch();
  }

  void execute() throws SQLException {
    for (Map.Entry<HistoryTable, Map<Object, Object[]>> rows : inserts.entrySet()) {
      if (copy) {
        copy(rows.getKey(), rows.getValue());
      } else {
        insert(rows.getKey(), rows.getValue());
      }
    }
    for (PreparedStatement statement : updates.values()) {
      statement.executeBatch();
    }
  }

  private void copy(HistoryTable table, Map<Object, Object[]> rows) throws SQLException {
    StringBuilder text = new StringBuilder(rows.size() * 160);
    for (Object[] row : rows.values()) {
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          text.append('\t');
        }
        Object value = row[i];
        if (value instanceof Timestamp timestamp) {
          text.append(timestamp.toInstant());
        } else if (value instanceof Number number) {
          text.append(number);
        } else {
          CopyText.append(text, value == null ? null : value.toString());
        }
      }
      text.append('\n');
    }
    try {
      connection.unwrap(PGConnection.class).getCopyAPI().copyIn(table.copySql(), new StringReader(text.toString()));
    } catch (IOException e) {
      throw new SQLException("Could not copy rows into " + table.name(), e);
    }
  }

  private void insert(HistoryTable table, Map<Object, Object[]> rows) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(table.insertSql())) {
      for (Object[] row : rows.values()) {
        bind(statement, row);
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      Object value = parameters[i];
      if (value == null) {
        statement.setNull(i + 1, Types.NULL);
      } else if (value instanceof Timestamp timestamp) {
        statement.setTimestamp(i + 1, timestamp);
      } else if (value instanceof String text) {
        // as in the COPY rows: PostgreSQL text cannot hold NUL, and one would stop the projection
        statement.setString(i + 1, CopyText.storable(text));
      } else {
        statement.setObject(i + 1, value);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement statement : updates.values()) {
      statement.close();
    }
  }
}
