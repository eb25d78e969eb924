package cn.relief.engine.record;

import java.util.List;

/**
 * A batch operation over the process instances a filter matched: its kind (Camunda 8.8's
 * {@code CANCEL_PROCESS_INSTANCE}, {@code MIGRATE_PROCESS_INSTANCE}, {@code RESOLVE_INCIDENT}),
 * the filter as sent (JSON), the migration plan, and who asked (items run as that caller). The
 * events of its lifecycle carry the items added or the one item done, with the counts and the
 * batch's state (Camunda's names: CREATED, ACTIVE, SUSPENDED, ...) after it.
 */
public record BatchOperationRecord(
    String batchOperationType,
    String filter,
    long targetProcessDefinitionKey,
    List<ProcessInstanceMigrationRecord.MappingInstruction> mappingInstructions,
    String callerId,
    String callerKind,
    List<Long> itemKeys,
    long itemKey,
    String errorMessage,
    int total,
    int completed,
    int failed,
    String state) implements RecordValue {

  public static final String CANCEL_PROCESS_INSTANCE = "CANCEL_PROCESS_INSTANCE";
  public static final String MIGRATE_PROCESS_INSTANCE = "MIGRATE_PROCESS_INSTANCE";
  public static final String RESOLVE_INCIDENT = "RESOLVE_INCIDENT";

  /** The batch as it stands, for an event about it as a whole (no items). */
  public BatchOperationRecord withCounts(int newTotal, int newCompleted, int newFailed) {
    return new BatchOperationRecord(batchOperationType, filter, targetProcessDefinitionKey, mappingInstructions,
        callerId, callerKind, List.of(), -1, null, newTotal, newCompleted, newFailed, state);
  }

  public BatchOperationRecord withItems(List<Long> keys, int newTotal) {
    return new BatchOperationRecord(batchOperationType, filter, targetProcessDefinitionKey, mappingInstructions,
        callerId, callerKind, List.copyOf(keys), -1, null, newTotal, completed, failed, state);
  }

  public BatchOperationRecord withItem(long key, String error, int newCompleted, int newFailed) {
    return new BatchOperationRecord(batchOperationType, filter, targetProcessDefinitionKey, mappingInstructions,
        callerId, callerKind, List.of(), key, error, total, newCompleted, newFailed, state);
  }

  public BatchOperationRecord withState(String newState) {
    return new BatchOperationRecord(batchOperationType, filter, targetProcessDefinitionKey, mappingInstructions,
        callerId, callerKind, itemKeys, itemKey, errorMessage, total, completed, failed, newState);
  }
}
