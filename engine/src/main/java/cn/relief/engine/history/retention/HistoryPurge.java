package cn.relief.engine.history.retention;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The SQL of a retention purge: which cases ended long enough ago, and deleting a case (a root
 * process instance with every instance it called) from all history tables in one transaction.
 */
final class HistoryPurge {
  /** Tables holding rows of a process instance, purged with it; the instance row goes last. */
  private static final List<String> INSTANCE_TABLES = List.of("history_element_instance", "history_sequence_flow",
      "history_variable", "history_variable_change", "history_incident", "history_job", "history_user_task",
      "history_message_subscription", "history_correlated_message", "history_decision_instance",
      "history_process_instance_migration", "history_process_instance_modification", "history_batch_operation_item",
      "history_process_instance");

  private final DataSource dataSource;

  HistoryPurge(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Process ids that have instances in the history (each may have a retention of its own). */
  List<String> processIds() throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT DISTINCT bpmn_process_id FROM history_process_definition ORDER BY bpmn_process_id")) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }

  /** Root instances of the process that ended before {@code endedBefore}, oldest first. */
  List<Long> endedCases(String bpmnProcessId, Timestamp endedBefore, int limit) throws SQLException {
    return keys("""
        SELECT process_instance_key FROM history_process_instance
        WHERE bpmn_process_id = ? AND end_date IS NOT NULL AND parent_process_instance_key IS NULL AND end_date < ?
        ORDER BY end_date LIMIT ?""", bpmnProcessId, endedBefore, limit);
  }

  /** Cases purged before that are in the history again (it was rebuilt from the log), by process id. */
  Map<String, List<Long>> reappearedCases(int limit) throws SQLException {
    Map<String, List<Long>> cases = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("""
            SELECT p.bpmn_process_id, p.process_instance_key FROM history_purged_instance p
            JOIN history_process_instance i ON i.process_instance_key = p.process_instance_key
            WHERE p.process_instance_key = p.root_process_instance_key LIMIT ?""")) {
      statement.setInt(1, limit);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          cases.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(rows.getLong(2));
        }
      }
    }
    return cases;
  }

  /** Deletes the cases and everything they called; returns the instances and rows deleted. */
  PurgedRows purge(String bpmnProcessId, List<Long> roots) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        Array rootArray = connection.createArrayOf("bigint", roots.toArray());
        Set<Long> instances = new LinkedHashSet<>(roots);
        List<long[]> withRoots = new ArrayList<>();
        roots.forEach(root -> withRoots.add(new long[] {root, root}));
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT process_instance_key, root_process_instance_key FROM history_process_instance "
                + "WHERE root_process_instance_key = ANY(?) AND parent_process_instance_key IS NOT NULL")) {
          statement.setArray(1, rootArray);
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              if (instances.add(rows.getLong(1))) {
                withRoots.add(new long[] {rows.getLong(1), rows.getLong(2)});
              }
            }
          }
        }
        Array instanceArray = connection.createArrayOf("bigint", instances.toArray());
        long deleted = 0;
        for (String table : INSTANCE_TABLES) {
          try (PreparedStatement statement =
              connection.prepareStatement("DELETE FROM " + table + " WHERE process_instance_key = ANY(?)")) {
            statement.setArray(1, instanceArray);
            deleted += statement.executeUpdate();
          }
        }
        try (PreparedStatement statement = connection.prepareStatement("""
            INSERT INTO history_purged_instance (process_instance_key, root_process_instance_key, bpmn_process_id,
              purged_at) VALUES (?, ?, ?, now()) ON CONFLICT DO NOTHING""")) {
          for (long[] instance : withRoots) {
            statement.setLong(1, instance[0]);
            statement.setLong(2, instance[1]);
            statement.setString(3, bpmnProcessId);
            statement.addBatch();
          }
          statement.executeBatch();
        }
        connection.commit();
        return new PurgedRows(instances.size(), deleted);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /** What one purge deleted. */
  record PurgedRows(long instances, long rows) {}

  private List<Long> keys(String sql, Object... parameters) throws SQLException {
    List<Long> keys = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          keys.add(rows.getLong(1));
        }
      }
    }
    return keys;
  }
}
