package cn.relief.engine.history;

import cn.relief.engine.record.BatchOperationRecord;
import cn.relief.engine.record.Record;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Projects batch operations: the batch row with its state and counts, one row per item with its
 * outcome. Counts are written with the lifecycle events and every hundred items, not for every
 * item: a batch of ten thousand would otherwise rewrite its row ten thousand times.
 */
final class BatchOperationProjection {
  static final HistoryTable BATCHES = HistoryTable.of("history_batch_operation",
      "batch_operation_key", "type", "state", "start_date", "end_date", "total", "completed", "failed", "created_by",
      "filter", "target_process_definition_key");
  static final HistoryTable ITEMS = HistoryTable.of("history_batch_operation_item",
      "item_id", "batch_operation_key", "item_key", "process_instance_key", "type", "state", "processed_date",
      "error_message");
  private static final int COUNTS_EVERY = 100;

  void project(HistoryBatch batch, Record record, Timestamp at) throws SQLException {
    BatchOperationRecord value = (BatchOperationRecord) record.value();
    long key = record.key();
    switch (record.intent()) {
      case "CREATED" -> batch.insert(BATCHES, key, value.batchOperationType(), "CREATED", at, null, 0, 0, 0,
          value.callerId(), value.filter(),
          value.targetProcessDefinitionKey() > 0 ? value.targetProcessDefinitionKey() : null);
      case "ITEMS_ADDED" -> {
        for (Long item : value.itemKeys()) {
          batch.insert(ITEMS, key + ":" + item, key, item, item, value.batchOperationType(), "ACTIVE", null, null);
        }
        counts(batch, key, value);
      }
      case "INITIALIZED", "RESUMED", "SUSPENDED" -> state(batch, key, value.state(), null, value);
      case "ITEM_COMPLETED", "ITEM_FAILED" -> {
        batch.update("UPDATE history_batch_operation_item SET state = ?, processed_date = ?, error_message = ? "
            + "WHERE item_id = ?", "ITEM_COMPLETED".equals(record.intent()) ? "COMPLETED" : "FAILED", at,
            value.errorMessage(), key + ":" + value.itemKey());
        if ((value.completed() + value.failed()) % COUNTS_EVERY == 0) {
          counts(batch, key, value);
        }
      }
      case "CANCELED" -> {
        state(batch, key, "CANCELED", at, value);
        batch.update("UPDATE history_batch_operation_item SET state = 'CANCELED' WHERE batch_operation_key = ? "
            + "AND state = 'ACTIVE'", key);
      }
      case "COMPLETED", "PARTIALLY_COMPLETED", "FAILED" -> state(batch, key, record.intent(), at, value);
      default -> {
        // commands and rejections have no rows
      }
    }
  }

  private static void counts(HistoryBatch batch, long key, BatchOperationRecord value) throws SQLException {
    batch.update("UPDATE history_batch_operation SET total = ?, completed = ?, failed = ? WHERE batch_operation_key = ?",
        value.total(), value.completed(), value.failed(), key);
  }

  private static void state(HistoryBatch batch, long key, String state, Timestamp end, BatchOperationRecord value)
      throws SQLException {
    batch.update("""
        UPDATE history_batch_operation SET state = ?, end_date = ?, total = ?, completed = ?, failed = ?
        WHERE batch_operation_key = ?""", state, end, value.total(), value.completed(), value.failed(), key);
  }
}
