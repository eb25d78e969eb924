package cn.relief.engine.processing.command;

import cn.relief.engine.api.Caller;
import cn.relief.engine.api.CommandRejectedException;
import cn.relief.engine.identity.AccessControl;
import cn.relief.engine.identity.Permission;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.processing.Rejections;
import cn.relief.engine.record.BatchOperationRecord;
import cn.relief.engine.record.IncidentRecord;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.BatchOperationState;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.JobState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Batch operations as Camunda 8.8 runs them: a batch is created with a filter, its items (the
 * process instances the filter matched) are collected in chunks, then done in chunks, each item as
 * the person who created the batch (their permissions decide, their name is in the audit trail).
 * An item that cannot be done fails with the reason; the others go on. Every step is an event, so
 * a batch resumes where it was after a restart.
 */
public final class BatchOperationProcessor {
  private static final Set<String> TYPES = Set.of(BatchOperationRecord.CANCEL_PROCESS_INSTANCE,
      BatchOperationRecord.MIGRATE_PROCESS_INSTANCE, BatchOperationRecord.RESOLVE_INCIDENT);

  private final ProcessInstanceProcessor instances;
  private final ProcessInstanceMigrationProcessor migrations;
  private final IncidentProcessor incidents;
  private final AccessControl access;

  public BatchOperationProcessor(ProcessInstanceProcessor instances, ProcessInstanceMigrationProcessor migrations,
      IncidentProcessor incidents, AccessControl access) {
    this.instances = instances;
    this.migrations = migrations;
    this.incidents = incidents;
    this.access = access;
  }

  public long create(CommandContext ctx, BatchOperationRecord definition) {
    if (!TYPES.contains(definition.batchOperationType())) {
      throw Rejections.invalidArgument(Intent.BatchOperation.CREATE, "Expected a batch operation of type %s, but "
          + "found '%s'", TYPES, definition.batchOperationType());
    }
    if (BatchOperationRecord.MIGRATE_PROCESS_INSTANCE.equals(definition.batchOperationType())
        && ctx.state().processes().byKey(definition.targetProcessDefinitionKey()) == null) {
      throw Rejections.notFound(Intent.BatchOperation.CREATE, "Expected to migrate process instances to process "
          + "definition with key '%d', but no such process definition was found", definition.targetProcessDefinitionKey());
    }
    long key = ctx.state().keys().nextKey();
    ctx.writer().appendEvent(key, ValueType.BATCH_OPERATION, Intent.BatchOperation.CREATED,
        definition.withCounts(0, 0, 0).withState("CREATED"));
    return key;
  }

  /** Items the runner collected from the filter; only while the batch collects. */
  public void addItems(CommandContext ctx, long key, List<Long> itemKeys) {
    BatchOperationState.Batch batch = require(ctx, key, Intent.BatchOperation.ADD_ITEMS);
    if (batch.initialized()) {
      throw Rejections.invalidState(Intent.BatchOperation.ADD_ITEMS, "Expected to add items to batch operation '%d' "
          + "while it collects them, but its items are collected already", key);
    }
    List<Long> added = itemKeys.stream().filter(item -> !batch.pending().contains(item)).distinct().toList();
    ctx.writer().appendEvent(key, ValueType.BATCH_OPERATION, Intent.BatchOperation.ITEMS_ADDED,
        batch.definition().withItems(added, batch.total() + added.size()).withState(batch.status().name()));
  }

  /**
   * Every item is collected: the batch runs (with nothing to do, it is done), unless a person held
   * it meanwhile: then it waits, collected, to be let go.
   */
  public void initialize(CommandContext ctx, long key) {
    BatchOperationState.Batch batch = require(ctx, key, Intent.BatchOperation.INITIALIZE);
    if (batch.initialized()) {
      return;
    }
    boolean held = batch.status() == BatchOperationState.Status.SUSPENDED;
    ctx.writer().appendEvent(key, ValueType.BATCH_OPERATION, Intent.BatchOperation.INITIALIZED,
        batch.definition().withCounts(batch.total(), 0, 0).withState(held ? "SUSPENDED" : "ACTIVE"));
    if (!held) {
      endIfDone(ctx, batch);
    }
  }

  /** What one chunk did: the items it took, and how many are left. */
  public record Chunk(List<Long> items, int remaining) {}

  /** Does up to {@code max} pending items. */
  public Chunk execute(CommandContext ctx, long key, int max) {
    BatchOperationState.Batch batch = ctx.state().batches().get(key);
    if (batch == null || batch.status() != BatchOperationState.Status.ACTIVE) {
      return new Chunk(List.of(), 0);
    }
    BatchOperationRecord definition = batch.definition();
    Caller creator = new Caller(definition.callerId(), definition.callerKind());
    List<Long> items = new ArrayList<>(Math.min(max, batch.pending().size()));
    for (Long item : batch.pending()) {
      if (items.size() >= max) {
        break;
      }
      items.add(item);
    }
    for (long item : items) {
      String failure = null;
      int written = ctx.writer().batchSize();
      try {
        executeItem(ctx, definition, creator, item);
      } catch (CommandRejectedException rejection) {
        if (ctx.writer().batchSize() != written) {
          // a half-done item must not pass as failed: the whole chunk is refused and retried
          throw new IllegalStateException("Batch operation " + key + " item " + item + " was rejected after it "
              + "had written events", rejection);
        }
        // rejected before it wrote anything: the item fails, the batch goes on
        failure = rejection.getMessage();
      }
      BatchOperationState.Batch current = ctx.state().batches().get(key);
      boolean succeeded = failure == null;
      ctx.writer().appendEvent(key, ValueType.BATCH_OPERATION,
          succeeded ? Intent.BatchOperation.ITEM_COMPLETED : Intent.BatchOperation.ITEM_FAILED,
          definition.withCounts(current.total(), 0, 0).withState("ACTIVE").withItem(item, failure,
              current.completed() + (succeeded ? 1 : 0), current.failed() + (succeeded ? 0 : 1)));
    }
    endIfDone(ctx, batch);
    BatchOperationState.Batch after = ctx.state().batches().get(key);
    return new Chunk(items, after == null ? 0 : after.pending().size());
  }

  private void executeItem(CommandContext ctx, BatchOperationRecord definition, Caller creator, long item) {
    ElementInstance instance = ctx.state().elementInstances().get(item);
    String processId = instance == null ? null : instance.value().bpmnProcessId();
    switch (definition.batchOperationType()) {
      case BatchOperationRecord.CANCEL_PROCESS_INSTANCE -> {
        requirePermission(creator, "CANCEL_PROCESS_INSTANCE", processId, Intent.ProcessInstance.CANCEL);
        instances.cancel(ctx, item);
      }
      case BatchOperationRecord.MIGRATE_PROCESS_INSTANCE -> {
        requirePermission(creator, "UPDATE_PROCESS_INSTANCE", processId, Intent.ProcessInstanceMigration.MIGRATE);
        var target = ctx.state().processes().byKey(definition.targetProcessDefinitionKey());
        requirePermission(creator, "UPDATE_PROCESS_INSTANCE", target == null ? null : target.record().bpmnProcessId(),
            Intent.ProcessInstanceMigration.MIGRATE);
        migrations.migrate(ctx, item, definition.targetProcessDefinitionKey(), definition.mappingInstructions(),
            creator.id());
      }
      default -> resolveIncidents(ctx, creator, item, processId);
    }
  }

  /** The instance's incidents are resolved; a job out of retries gets one more, as Camunda's batch does. */
  private void resolveIncidents(CommandContext ctx, Caller creator, long item, String processId) {
    requirePermission(creator, "UPDATE_PROCESS_INSTANCE", processId, Intent.Incident.RESOLVE);
    List<Map.Entry<Long, IncidentRecord>> open = ctx.state().incidents().all().entrySet().stream()
        .filter(entry -> entry.getValue().processInstanceKey() == item).toList();
    if (open.isEmpty()) {
      throw Rejections.invalidState(Intent.Incident.RESOLVE, "Expected process instance '%d' to have an open "
          + "incident to resolve, but it has none", item);
    }
    for (Map.Entry<Long, IncidentRecord> incident : open) {
      long jobKey = incident.getValue().jobKey();
      JobState.Job job = jobKey > 0 ? ctx.state().jobs().get(jobKey) : null;
      if (job != null && job.record().retries() <= 0) {
        ctx.writer().appendEvent(jobKey, ValueType.JOB, Intent.Job.RETRIES_UPDATED, job.record().withRetries(1));
      }
      incidents.resolve(ctx, incident.getKey());
    }
  }

  private void requirePermission(Caller creator, String permission, String processId, Enum<?> command) {
    if (processId != null) {
      access.require(creator, new Permission("PROCESS_DEFINITION", permission).on(processId), command.name());
    }
  }

  public void suspend(CommandContext ctx, long key) {
    BatchOperationState.Batch batch = require(ctx, key, Intent.BatchOperation.SUSPEND);
    if (batch.status() == BatchOperationState.Status.SUSPENDED) {
      throw Rejections.invalidState(Intent.BatchOperation.SUSPEND, "Expected to suspend batch operation '%d', but "
          + "it is suspended already", key);
    }
    ctx.writer().appendEvent(key, ValueType.BATCH_OPERATION, Intent.BatchOperation.SUSPENDED,
        batch.definition().withCounts(batch.total(), batch.completed(), batch.failed()).withState("SUSPENDED"));
  }

  public void resume(CommandContext ctx, long key) {
    BatchOperationState.Batch batch = require(ctx, key, Intent.BatchOperation.RESUME);
    if (batch.status() != BatchOperationState.Status.SUSPENDED) {
      throw Rejections.invalidState(Intent.BatchOperation.RESUME, "Expected to resume batch operation '%d' while it "
          + "is suspended, but it is %s", key, batch.status());
    }
    ctx.writer().appendEvent(key, ValueType.BATCH_OPERATION, Intent.BatchOperation.RESUMED,
        batch.definition().withCounts(batch.total(), batch.completed(), batch.failed())
            .withState(batch.initialized() ? "ACTIVE" : "CREATED"));
  }

  /** The items not done yet are left as they are; the batch ends as canceled. */
  public void cancel(CommandContext ctx, long key) {
    BatchOperationState.Batch batch = require(ctx, key, Intent.BatchOperation.CANCEL);
    ctx.writer().appendEvent(key, ValueType.BATCH_OPERATION, Intent.BatchOperation.CANCELED,
        batch.definition().withCounts(batch.total(), batch.completed(), batch.failed()).withState("CANCELED"));
  }

  private static void endIfDone(CommandContext ctx, BatchOperationState.Batch batch) {
    BatchOperationState.Batch current = ctx.state().batches().get(batch.key());
    if (current == null || !current.initialized() || !current.pending().isEmpty()) {
      return;
    }
    Intent.BatchOperation end = current.failed() == 0 ? Intent.BatchOperation.COMPLETED
        : current.completed() == 0 ? Intent.BatchOperation.FAILED : Intent.BatchOperation.PARTIALLY_COMPLETED;
    ctx.writer().appendEvent(current.key(), ValueType.BATCH_OPERATION, end,
        current.definition().withCounts(current.total(), current.completed(), current.failed()).withState(end.name()));
  }

  private static BatchOperationState.Batch require(CommandContext ctx, long key, Intent.BatchOperation command) {
    BatchOperationState.Batch batch = ctx.state().batches().get(key);
    if (batch == null) {
      throw Rejections.notFound(command, "Expected to find a running batch operation with key '%d', but there is "
          + "none (it may have ended)", key);
    }
    return batch;
  }
}
