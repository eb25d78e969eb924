package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.audit.AuditPage;
import cn.relief.engine.audit.AuditQuery;
import cn.relief.engine.audit.AuditSearch;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.BatchOperationItemState;
import io.camunda.client.api.search.enums.BatchOperationState;
import io.camunda.client.api.search.enums.BatchOperationType;
import io.camunda.client.api.search.response.BatchOperation;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Batch operations through the real client: every instance a filter matches is canceled or
 * migrated, with progress and per-item outcome searchable, and the batch recorded with who asked;
 * ten thousand cases waiting at a user task, a timer or a message move in one batch, and each goes
 * on in the new version afterwards.
 */
class BatchOperationIT extends ClientTestSupport {
  private static final int MANY = 10_000;

  @Autowired AuditSearch audit;

  @AfterEach
  void resetClock() {
    client(Transport.REST).newResetClockCommand().send().join();
  }

  private static BatchOperation awaitEnded(CamundaClient client, String key, Duration within) {
    return Awaitility.await("batch operation " + key).atMost(within).pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> client.newBatchOperationGetRequest(key).send().join(),
            batch -> batch.getStatus() == BatchOperationState.COMPLETED
                || batch.getStatus() == BatchOperationState.PARTIALLY_COMPLETED
                || batch.getStatus() == BatchOperationState.FAILED);
  }

  @Test
  void aBatchCancelsEveryInstanceTheFilterMatchesWithProgressAndWhoAsked() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("batch-cancel", Transport.REST);
    String other = uniqueId("batch-keep", Transport.REST);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent().userTask("wait", t -> t.zeebeUserTask()).endEvent().done());
    deploy(client, Bpmn.createExecutableProcess(other).startEvent().userTask("wait", t -> t.zeebeUserTask()).endEvent().done());
    List<Long> canceled = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      canceled.add(startInstance(client, id, Map.of("i", i)));
    }
    long kept = startInstance(client, other, Map.of());

    String key = client.newCreateBatchOperationCommand().processInstanceCancel()
        .filter(f -> f.processDefinitionId(id)).send().join().getBatchOperationKey();

    BatchOperation batch = awaitEnded(client, key, Duration.ofSeconds(30));
    assertThat(batch.getStatus()).isEqualTo(BatchOperationState.COMPLETED);
    assertThat(batch.getType()).isEqualTo(BatchOperationType.CANCEL_PROCESS_INSTANCE);
    assertThat(batch.getOperationsTotalCount()).isEqualTo(25);
    assertThat(batch.getOperationsCompletedCount()).isEqualTo(25);
    assertThat(batch.getOperationsFailedCount()).isZero();
    assertThat(batch.getEndDate()).isNotNull();
    assertThat(client.newBatchOperationItemsSearchRequest()
            .filter(f -> f.batchOperationKey(key).state(BatchOperationItemState.COMPLETED)).page(p -> p.limit(100))
            .send().join().items())
        .extracting(item -> item.getProcessInstanceKey()).containsExactlyInAnyOrderElementsOf(canceled);
    for (long instance : canceled) {
      awaitInstanceState(instance, "TERMINATED");
    }
    assertThat(instanceState(kept)).isEqualTo("ACTIVE");
    assertThat(client.newBatchOperationSearchRequest().filter(f -> f.operationType(BatchOperationType.CANCEL_PROCESS_INSTANCE))
        .send().join().items()).extracting(BatchOperation::getBatchOperationKey).contains(key);

    // the audit trail: who created the batch, and that the items were done on their behalf
    AuditPage.Item created = audit.search(new AuditQuery(null, "CREATE_BATCH_OPERATION", Long.parseLong(key), null,
        null, null, null, null)).items().get(0);
    assertThat(created.callerId()).isEqualTo("demo");
    List<AuditPage.Item> executed = audit.search(new AuditQuery(null, "EXECUTE_BATCH_OPERATION", canceled.get(0),
        null, null, null, null, null)).items();
    assertThat(executed).isNotEmpty().allMatch(item -> "demo".equals(item.callerId()));
  }

  /** v1 waits at a user task, a timer or a message, by the instance's kind; v2 the same, renamed. */
  private static BpmnModelInstance waiting(String id, String suffix, String message) {
    return Bpmn.createExecutableProcess(id).startEvent()
        .exclusiveGateway("by-kind")
        .condition("=kind = \"task\"").userTask("review" + suffix, t -> t.zeebeUserTask()).endEvent("task-done" + suffix)
        .moveToNode("by-kind")
        .condition("=kind = \"timer\"").intermediateCatchEvent("cool-off" + suffix, e -> e.timerWithDuration("PT24H"))
        .endEvent("timer-done" + suffix)
        .moveToNode("by-kind")
        .condition("=kind = \"message\"").intermediateCatchEvent("documents" + suffix,
            e -> e.message(m -> m.name(message).zeebeCorrelationKeyExpression("caseId")))
        .endEvent("message-done" + suffix)
        .done();
  }

  @Test
  void tenThousandWaitingCasesMigrateInOneBatchAndEachGoesOnInTheNewVersion() throws Exception {
    CamundaClient grpc = client(Transport.GRPC);
    CamundaClient rest = client(Transport.REST);
    String id = uniqueId("batch-migrate", Transport.GRPC);
    String message = id + "-documents";
    long v1 = deploy(grpc, waiting(id, "", message)).getProcessDefinitionKey();
    String[] kinds = {"task", "timer", "message"};
    long started = System.nanoTime();
    inParallel(MANY, i -> grpc.newCreateInstanceCommand().processDefinitionKey(v1)
        .variables(Map.of("kind", kinds[i % 3], "caseId", "K-" + i)).send().toCompletableFuture());
    long v2 = deploy(grpc, waiting(id, "2", message)).getProcessDefinitionKey();
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .until(() -> count("SELECT count(*) FROM history_process_instance WHERE process_definition_key = ? "
            + "AND state = 'ACTIVE'", v1) == MANY);
    long createdMillis = (System.nanoTime() - started) / 1_000_000;

    long batchStarted = System.nanoTime();
    String key = rest.newCreateBatchOperationCommand().migrateProcessInstance()
        .migrationPlan(io.camunda.client.api.command.MigrationPlan.newBuilder().withTargetProcessDefinitionKey(v2)
            .addMappingInstruction("review", "review2").addMappingInstruction("cool-off", "cool-off2")
            .addMappingInstruction("documents", "documents2").build())
        .filter(f -> f.processDefinitionKey(v1)).send().join().getBatchOperationKey();
    BatchOperation batch = awaitEnded(rest, key, Duration.ofMinutes(3));
    long batchMillis = (System.nanoTime() - batchStarted) / 1_000_000;
    System.out.printf("batch migration: %d instances created in %d ms, migrated in one batch in %d ms%n", MANY,
        createdMillis, batchMillis);

    assertThat(batch.getStatus()).isEqualTo(BatchOperationState.COMPLETED);
    assertThat(batch.getOperationsTotalCount()).isEqualTo(MANY);
    assertThat(batch.getOperationsCompletedCount()).isEqualTo(MANY);
    // each case is on v2, waiting at the v2 element its kind leads to
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .until(() -> count("SELECT count(*) FROM history_process_instance WHERE process_definition_key = ? "
            + "AND state = 'ACTIVE'", v2) == MANY);
    assertThat(count("SELECT count(*) FROM history_element_instance WHERE process_definition_key = ? AND state = "
        + "'ACTIVE' AND element_id IN ('review2', 'cool-off2', 'documents2')", v2)).isEqualTo(MANY);
    assertThat(count("SELECT count(*) FROM history_user_task WHERE process_definition_key = ? AND state = 'CREATED' "
        + "AND element_id = 'review2'", v2)).isEqualTo(MANY / 3 + 1);

    // ...and goes on there: timers fire, messages are caught, tasks are completed
    rest.newPinClockCommand().time(Instant.now().plus(Duration.ofHours(25)).toEpochMilli()).send().join();
    List<Long> taskKeys = longs("SELECT user_task_key FROM history_user_task WHERE process_definition_key = ? "
        + "AND state = 'CREATED'", v2);
    inParallel(taskKeys.size(), i -> rest.newCompleteUserTaskCommand(taskKeys.get(i)).send().toCompletableFuture());
    inParallel(MANY, i -> i % 3 != 2 ? CompletableFuture.completedFuture(null)
        : grpc.newPublishMessageCommand().messageName(message).correlationKey("K-" + i).send().toCompletableFuture());
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> count("SELECT count(*) FROM history_process_instance WHERE process_definition_key = ? "
            + "AND state = 'COMPLETED'", v2) == MANY);
    assertThat(count("SELECT count(*) FROM history_element_instance WHERE process_definition_key = ? AND "
        + "element_id IN ('task-done2', 'timer-done2', 'message-done2')", v2)).isEqualTo(MANY);
  }

  @Test
  void aFilterOnVersionAndActiveElementPicksOnlyTheCasesWaitingThere() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("batch-element", Transport.REST);
    deploy(client, waiting(id, "", id + "-documents"));
    java.util.Map<String, List<Long>> byKind = new java.util.HashMap<>();
    for (String kind : new String[] {"task", "timer", "message"}) {
      for (int i = 0; i < 2; i++) {
        byKind.computeIfAbsent(kind, k -> new ArrayList<>())
            .add(startInstance(client, id, Map.of("kind", kind, "caseId", kind + i)));
      }
    }
    // a second version's case waits at the timer too, but the filter names version 1
    deploy(client, waiting(id, "", id + "-documents"));
    long laterVersion = startInstance(client, id, Map.of("kind", "timer", "caseId", "later"));

    String key = client.newCreateBatchOperationCommand().processInstanceCancel()
        .filter(f -> f.processDefinitionId(id).processDefinitionVersion(1).elementId("cool-off")
            .elementInstanceState(io.camunda.client.api.search.enums.ElementInstanceState.ACTIVE))
        .send().join().getBatchOperationKey();

    BatchOperation batch = awaitEnded(client, key, Duration.ofSeconds(30));
    assertThat(batch.getOperationsTotalCount()).isEqualTo(2);
    for (long instance : byKind.get("timer")) {
      awaitInstanceState(instance, "TERMINATED");
    }
    for (String kind : new String[] {"task", "message"}) {
      for (long instance : byKind.get(kind)) {
        assertThat(instanceState(instance)).isEqualTo("ACTIVE");
      }
    }
    assertThat(instanceState(laterVersion)).isEqualTo("ACTIVE");
  }

  /** Runs {@code count} requests with at most 64 in flight. */
  private static void inParallel(int count, java.util.function.IntFunction<CompletableFuture<?>> request)
      throws InterruptedException {
    Semaphore window = new Semaphore(64);
    List<CompletableFuture<?>> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      window.acquire();
      all.add(request.apply(i).whenComplete((r, e) -> window.release()));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
  }

  private long count(String sql, long parameter) {
    return longs(sql, parameter).get(0);
  }
}
