package cn.relief.engine.gateway.rest;

import static cn.relief.engine.gateway.rest.HistoryResponses.date;
import static cn.relief.engine.gateway.rest.HistoryResponses.integer;
import static cn.relief.engine.gateway.rest.HistoryResponses.key;
import static cn.relief.engine.gateway.rest.HistoryResponses.text;

import cn.relief.engine.api.EngineApi;
import cn.relief.engine.history.search.HistoryTables;
import cn.relief.engine.history.search.SqlSearch;
import cn.relief.engine.record.BatchOperationRecord;
import io.camunda.client.protocol.rest.BatchOperationCreatedResult;
import io.camunda.client.protocol.rest.BatchOperationItemResponse;
import io.camunda.client.protocol.rest.BatchOperationItemSearchQueryResult;
import io.camunda.client.protocol.rest.BatchOperationResponse;
import io.camunda.client.protocol.rest.BatchOperationSearchQueryResult;
import io.camunda.client.protocol.rest.BatchOperationTypeEnum;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Batch operations over REST v2 as the 8.8 client sends them: cancel, migrate or resolve the
 * incidents of every process instance a filter matches; follow, hold, let go or cancel a batch;
 * search batches and their items (from the history, like every search).
 */
@RestController
public class BatchOperationController {
  private final EngineApi api;
  private final SqlSearch search;

  public BatchOperationController(EngineApi api, SqlSearch search) {
    this.api = api;
    this.search = search;
  }

  @PostMapping("/v2/process-instances/cancellation")
  public CompletableFuture<BatchOperationCreatedResult> cancelInstances(
      @RequestBody(required = false) Map<String, Object> body) {
    return create(BatchOperationRecord.CANCEL_PROCESS_INSTANCE, filter(body), null);
  }

  @PostMapping("/v2/process-instances/incident-resolution")
  public CompletableFuture<BatchOperationCreatedResult> resolveIncidents(
      @RequestBody(required = false) Map<String, Object> body) {
    return create(BatchOperationRecord.RESOLVE_INCIDENT, filter(body), null);
  }

  @PostMapping("/v2/process-instances/migration")
  @SuppressWarnings("unchecked")
  public CompletableFuture<BatchOperationCreatedResult> migrateInstances(@RequestBody Map<String, Object> body) {
    if (!(body.get("migrationPlan") instanceof Map<?, ?> plan)) {
      throw RestRequestException.invalid("Expected a migrationPlan with targetProcessDefinitionKey and "
          + "mappingInstructions, but found none");
    }
    long target = RestRequests.key("targetProcessDefinitionKey",
        RestRequests.requireText("targetProcessDefinitionKey", String.valueOf(plan.get("targetProcessDefinitionKey"))));
    List<EngineApi.MappingInstruction> mappings = new ArrayList<>();
    if (plan.get("mappingInstructions") instanceof List<?> instructions) {
      for (Object instruction : instructions) {
        Map<String, Object> mapping = (Map<String, Object>) instruction;
        mappings.add(new EngineApi.MappingInstruction((String) mapping.get("sourceElementId"),
            (String) mapping.get("targetElementId")));
      }
    }
    return create(BatchOperationRecord.MIGRATE_PROCESS_INSTANCE, filter(body),
        new EngineApi.MigrationPlan(target, mappings));
  }

  @GetMapping("/v2/batch-operations/{key}")
  public BatchOperationResponse get(@PathVariable("key") String key) {
    return batch(search.byKey(HistoryTables.BATCH_OPERATIONS, key, "batch operation"));
  }

  @PostMapping("/v2/batch-operations/search")
  public BatchOperationSearchQueryResult searchBatches(@RequestBody(required = false) Map<String, Object> body) {
    SqlSearch.Page page = search.search(HistoryTables.BATCH_OPERATIONS, body, null);
    return new BatchOperationSearchQueryResult()
        .items(page.rows().stream().map(BatchOperationController::batch).toList())
        .page(HistoryResponses.page(page));
  }

  @PostMapping("/v2/batch-operation-items/search")
  public BatchOperationItemSearchQueryResult searchItems(@RequestBody(required = false) Map<String, Object> body) {
    SqlSearch.Page page = search.search(HistoryTables.BATCH_OPERATION_ITEMS, body, null);
    return new BatchOperationItemSearchQueryResult()
        .items(page.rows().stream().map(BatchOperationController::item).toList())
        .page(HistoryResponses.page(page));
  }

  @PostMapping("/v2/batch-operations/{key}/suspension")
  public CompletableFuture<ResponseEntity<Void>> suspend(@PathVariable("key") String key) {
    return AsyncResponses.noContent(api.suspendBatchOperation(RestRequests.key("batchOperationKey", key)));
  }

  @PostMapping("/v2/batch-operations/{key}/resumption")
  public CompletableFuture<ResponseEntity<Void>> resume(@PathVariable("key") String key) {
    return AsyncResponses.noContent(api.resumeBatchOperation(RestRequests.key("batchOperationKey", key)));
  }

  @PostMapping("/v2/batch-operations/{key}/cancellation")
  public CompletableFuture<ResponseEntity<Void>> cancel(@PathVariable("key") String key) {
    return AsyncResponses.noContent(api.cancelBatchOperation(RestRequests.key("batchOperationKey", key)));
  }

  /** The filter is checked now, so that a bad one is a 400 here rather than a batch that never collects. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> filter(Map<String, Object> body) {
    Object filter = body == null ? null : body.get("filter");
    if (filter != null && !(filter instanceof Map)) {
      throw RestRequestException.invalid("Expected 'filter' to be a process instance filter object, but found '"
          + filter + "'");
    }
    Map<String, Object> checked = filter == null ? Map.of() : (Map<String, Object>) filter;
    search.conditions(HistoryTables.PROCESS_INSTANCES, checked);
    return checked;
  }

  private CompletableFuture<BatchOperationCreatedResult> create(String type, Map<String, Object> filter,
      EngineApi.MigrationPlan plan) {
    return api.createBatchOperation(type, filter, plan).thenApply(key -> new BatchOperationCreatedResult()
        .batchOperationKey(String.valueOf(key)).batchOperationType(BatchOperationTypeEnum.fromValue(type)));
  }

  private static BatchOperationResponse batch(Map<String, Object> row) {
    return new BatchOperationResponse()
        .batchOperationKey(key(row, "batch_operation_key"))
        .batchOperationType(BatchOperationTypeEnum.fromValue(text(row, "type")))
        .state(BatchOperationResponse.StateEnum.fromValue(text(row, "state")))
        .startDate(date(row, "start_date"))
        .endDate(date(row, "end_date"))
        .operationsTotalCount(integer(row, "total"))
        .operationsCompletedCount(integer(row, "completed"))
        .operationsFailedCount(integer(row, "failed"))
        .errors(List.of());
  }

  private static BatchOperationItemResponse item(Map<String, Object> row) {
    return new BatchOperationItemResponse()
        .batchOperationKey(key(row, "batch_operation_key"))
        .operationType(BatchOperationTypeEnum.fromValue(text(row, "type")))
        .itemKey(key(row, "item_key"))
        .processInstanceKey(key(row, "process_instance_key"))
        .state(BatchOperationItemResponse.StateEnum.fromValue(text(row, "state")))
        .processedDate(date(row, "processed_date"))
        .errorMessage(text(row, "error_message"));
  }
}
