package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.audit.AuditPage;
import cn.relief.engine.audit.AuditQuery;
import cn.relief.engine.audit.AuditSearch;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.OwnerType;
import io.camunda.client.api.search.enums.PermissionType;
import io.camunda.client.api.search.enums.ResourceType;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Process instance migration through the real client: a case moves to a new version of its
 * procedure with its user task, job, incident, timers and message subscriptions, goes on in the
 * new version, and a plan that cannot be carried out is refused with the reason, leaving the case
 * as it was.
 */
class MigrationIT extends ClientTestSupport {
  @Autowired AuditSearch audit;

  @AfterEach
  void resetClock() {
    client(Transport.REST).newResetClockCommand().send().join();
  }

  /** v1: review -> notify. */
  private static BpmnModelInstance reviewV1(String id) {
    return Bpmn.createExecutableProcess(id).startEvent()
        .userTask("review", t -> t.name("审核").zeebeUserTask().zeebeCandidateGroups("station"))
        .serviceTask("notify", s -> s.zeebeJobType(id + "-notify"))
        .endEvent().done();
  }

  /** v2: review2 with a one-hour deadline -> notify2; the deadline ends the case at "late". */
  private static BpmnModelInstance reviewV2(String id) {
    return Bpmn.createExecutableProcess(id).startEvent()
        .userTask("review2", t -> t.name("复核").zeebeUserTask().zeebeCandidateGroups("station"))
        .boundaryEvent("deadline", b -> b.timerWithDuration("PT1H")).endEvent("late")
        .moveToActivity("review2")
        .serviceTask("notify2", s -> s.zeebeJobType(id + "-notify2"))
        .endEvent().done();
  }

  private static UserTask openTask(CamundaClient client, long instance) {
    return eventually(() -> client.newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(instance).state(UserTaskState.CREATED)).send().join().items(),
        items -> items.size() == 1).get(0);
  }

  @ParameterizedTest
  @OverBothTransports
  void aCaseAtAUserTaskMovesWithItsTaskAndGoesOnInTheNewVersion(Transport transport) {
    CamundaClient client = client(transport);
    String id = uniqueId("mig-task", transport);
    deploy(client, reviewV1(id));
    long goesOn = startInstance(client, id, Map.of("caseId", "C-1"));
    long late = startInstance(client, id, Map.of("caseId", "C-2"));
    UserTask before = openTask(client, goesOn);
    client.newAssignUserTaskCommand(before.getUserTaskKey()).assignee("alice").send().join();
    long v2 = deploy(client, reviewV2(id)).getProcessDefinitionKey();

    for (long instance : new long[] {goesOn, late}) {
      client.newMigrateProcessInstanceCommand(instance).migrationPlan(v2)
          .addMappingInstruction("review", "review2").send().join();
    }

    UserTask after = eventually(() -> client.newUserTaskGetRequest(before.getUserTaskKey()).send().join(),
        task -> "review2".equals(task.getElementId()));
    assertThat(after.getProcessDefinitionKey()).isEqualTo(v2);
    assertThat(after.getAssignee()).isEqualTo("alice");
    assertThat(after.getName()).isEqualTo("复核");
    assertThat(eventually(() -> client.newProcessInstanceGetRequest(goesOn).send().join(),
        p -> p.getProcessDefinitionKey() == v2).getProcessDefinitionVersion()).isEqualTo(2);
    assertThat(rootVariables(goesOn)).containsEntry("caseId", "\"C-1\"");

    // the new version's path: completing the task leads to notify2
    client.newCompleteUserTaskCommand(after.getUserTaskKey()).send().join();
    ActivatedJob notify = activateOne(client, id + "-notify2");
    assertThat(notify.getProcessDefinitionKey()).isEqualTo(v2);
    client.newCompleteCommand(notify).send().join();
    awaitInstanceState(goesOn, "COMPLETED");

    // the new version's deadline was opened for the migrated task: when it passes, the case ends late
    client(Transport.REST).newPinClockCommand().time(Instant.now().plus(Duration.ofHours(2)).toEpochMilli())
        .send().join();
    awaitInstanceState(late, "COMPLETED");
    assertThat(completedElements(late)).contains("deadline", "late");
  }

  @Test
  void aJobWithItsIncidentMovesAndIsResolvedInTheNewVersion() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("mig-job", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("lookup", s -> s.zeebeJobType(id + "-lookup")).endEvent().done());
    long instance = startInstance(client, id, Map.of());
    ActivatedJob job = activateOne(client, id + "-lookup");
    client.newFailCommand(job).retries(0).errorMessage("户籍系统不可用").send().join();
    Incident incident = awaitOpenIncident(instance);
    long v2 = deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("lookup2", s -> s.zeebeJobType(id + "-lookup"))
        .userTask("after", t -> t.zeebeUserTask()).endEvent().done()).getProcessDefinitionKey();

    client.newMigrateProcessInstanceCommand(instance).migrationPlan(v2)
        .addMappingInstruction("lookup", "lookup2").send().join();

    assertThat(awaitOpenIncident(instance).key()).isEqualTo(incident.key());
    assertThat(eventually(() -> client.newIncidentGetRequest(incident.key()).send().join(),
        i -> "lookup2".equals(i.getElementId())).getProcessDefinitionKey()).isEqualTo(v2);
    client.newUpdateRetriesCommand(job.getKey()).retries(1).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    ActivatedJob again = activateOne(client, id + "-lookup");
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getElementId()).isEqualTo("lookup2");
    assertThat(again.getProcessDefinitionKey()).isEqualTo(v2);
    client.newCompleteCommand(again).send().join();
    openTask(client, instance);
  }

  @Test
  void aMessageSubscriptionMovesAlongAndAnUnmappedBoundaryEventIsClosed() throws Exception {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("mig-msg", Transport.REST);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .intermediateCatchEvent("wait", e -> e.message(m -> m.name(id + "-documents").zeebeCorrelationKeyExpression("caseId")))
        .userTask("work", t -> t.zeebeUserTask())
        .boundaryEvent("withdrawn", b -> b.message(m -> m.name(id + "-withdrawn").zeebeCorrelationKeyExpression("caseId")))
        .endEvent("withdrawn-end")
        .moveToActivity("work").endEvent().done());
    long v2 = deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .intermediateCatchEvent("wait2", e -> e.message(m -> m.name(id + "-documents").zeebeCorrelationKeyExpression("caseId")))
        .serviceTask("check", s -> s.zeebeJobType(id + "-check"))
        .userTask("work", t -> t.zeebeUserTask()).endEvent().done()).getProcessDefinitionKey();
    // instances of the first version, started explicitly: latestVersion() would take v2
    long waiting = client.newCreateInstanceCommand().bpmnProcessId(id).version(1).variables(Map.of("caseId", "M-1"))
        .send().join().getProcessInstanceKey();
    long working = client.newCreateInstanceCommand().bpmnProcessId(id).version(1).variables(Map.of("caseId", "M-2"))
        .send().join().getProcessInstanceKey();
    client.newPublishMessageCommand().messageName(id + "-documents").correlationKey("M-2").send().join();
    long workTask = openTask(client, working).getUserTaskKey();

    client.newMigrateProcessInstanceCommand(waiting).migrationPlan(v2).addMappingInstruction("wait", "wait2")
        .send().join();
    client.newMigrateProcessInstanceCommand(working).migrationPlan(v2).addMappingInstruction("work", "work")
        .send().join();

    // the moved subscription still catches its message, and the case goes on in the new version
    client.newPublishMessageCommand().messageName(id + "-documents").correlationKey("M-1").send().join();
    client.newCompleteCommand(activateOne(client, id + "-check")).send().join();
    openTask(client, waiting);
    // the new version has no "withdrawn" boundary event: the message no longer ends the case
    client.newPublishMessageCommand().messageName(id + "-withdrawn").correlationKey("M-2").send().join();
    Thread.sleep(300);
    assertThat(instanceState(working)).isEqualTo("ACTIVE");
    assertThat(client.newUserTaskGetRequest(workTask).send().join().getState()).isEqualTo(UserTaskState.CREATED);
  }

  @Test
  void anElementStuckActivatingOpensItsTargetSubscriptionsOnceWhenItsIncidentIsResolved() throws Exception {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("mig-activating", Transport.REST);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .userTask("review", t -> t.zeebeUserTask().zeebeAssigneeExpression("clerk"))
        .endEvent().done());
    // a number is no assignee: the task's activation fails and waits for the incident to be resolved
    long instance = startInstance(client, id, Map.of("clerk", 42));
    awaitOpenIncident(instance);
    long v2 = deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .userTask("review2", t -> t.zeebeUserTask().zeebeAssigneeExpression("clerk"))
        .boundaryEvent("deadline", b -> b.timerWithDuration("PT1H")).endEvent("late")
        .moveToActivity("review2").endEvent().done()).getProcessDefinitionKey();

    client.newMigrateProcessInstanceCommand(instance).migrationPlan(v2).addMappingInstruction("review", "review2")
        .send().join();
    client.newSetVariablesCommand(instance).variables(Map.of("clerk", "张三")).send().join();
    client.newResolveIncidentCommand(awaitOpenIncident(instance).key()).send().join();

    UserTask task = openTask(client, instance);
    assertThat(task.getElementId()).isEqualTo("review2");
    Thread.sleep(200);
    assertThat(timersCreatedFor(task.getElementInstanceKey())).isEqualTo(1);
  }

  private long timersCreatedFor(long elementInstanceKey) {
    return longs("SELECT count(*) FROM engine_record WHERE value_type = 'TIMER' AND record_type = 'EVENT' "
        + "AND intent = 'CREATED' AND (value::jsonb->>'elementInstanceKey')::bigint = ?", elementInstanceKey).get(0);
  }

  @ParameterizedTest
  @OverBothTransports
  void aPlanThatCannotBeCarriedOutIsRefusedWithTheReasonAndNothingMoves(Transport transport) {
    CamundaClient client = client(transport);
    String id = uniqueId("mig-refused", transport);
    long v1 = deploy(client, reviewV1(id)).getProcessDefinitionKey();
    long instance = startInstance(client, id, Map.of());
    long taskKey = openTask(client, instance).getUserTaskKey();
    long v2 = deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .subProcess("checks", sub -> sub.embeddedSubProcess().startEvent()
            .userTask("review", t -> t.zeebeUserTask()).endEvent())
        .serviceTask("notify", s -> s.zeebeJobType(id + "-notify"))
        .endEvent().done()).getProcessDefinitionKey();

    assertRejected(transport, () -> client.newMigrateProcessInstanceCommand(instance).migrationPlan(v2)
            .addMappingInstruction("notify", "notify").send().join(),
        Status.Code.FAILED_PRECONDITION, 409, "no mapping instruction defined for active element with id 'review'");
    assertRejected(transport, () -> client.newMigrateProcessInstanceCommand(instance).migrationPlan(v2)
            .addMappingInstruction("review", "notify").send().join(),
        Status.Code.FAILED_PRECONDITION, 409, "'review' and type 'USER_TASK'", "different type 'SERVICE_TASK'");
    assertRejected(transport, () -> client.newMigrateProcessInstanceCommand(instance).migrationPlan(v2)
            .addMappingInstruction("review", "review").send().join(),
        Status.Code.FAILED_PRECONDITION, 409, "flow scope of active element with id 'review' is changed",
        "expected to be '" + id + "' but was 'checks'");
    assertRejected(transport, () -> client.newMigrateProcessInstanceCommand(instance).migrationPlan(v2)
            .addMappingInstruction("no-such-element", "review").send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "non-existing source element id 'no-such-element'");
    assertRejected(transport, () -> client.newMigrateProcessInstanceCommand(instance).migrationPlan(v2 + 1000)
            .addMappingInstruction("review", "review").send().join(),
        Status.Code.NOT_FOUND, 404, "process definition with key '" + (v2 + 1000) + "'");
    assertRejected(transport, () -> client.newMigrateProcessInstanceCommand(instance + 100_000).migrationPlan(v2)
            .addMappingInstruction("review", "review").send().join(),
        Status.Code.NOT_FOUND, 404, "process instance with key '" + (instance + 100_000) + "'");

    // nothing moved: the case and its task are where they were
    assertThat(client.newProcessInstanceGetRequest(instance).send().join().getProcessDefinitionKey()).isEqualTo(v1);
    UserTask task = client.newUserTaskGetRequest(taskKey).send().join();
    assertThat(task.getElementId()).isEqualTo("review");
    assertThat(task.getProcessDefinitionKey()).isEqualTo(v1);
    assertThat(elementEvents(instance)).noneMatch(event -> event.contains("MIGRATED"));
  }

  @Test
  void aMigrationIsInTheHistoryWithWhoAskedAndNeedsThePermission() throws Exception {
    CamundaClient admin = client(Transport.REST);
    String id = uniqueId("mig-audit", Transport.REST);
    long v1 = deploy(admin, reviewV1(id)).getProcessDefinitionKey();
    long instance = startInstance(admin, id, Map.of());
    openTask(admin, instance);
    long v2 = deploy(admin, reviewV2(id)).getProcessDefinitionKey();
    String clerk = uniqueId("mig-clerk", Transport.REST);
    admin.newCreateUserCommand().username(clerk).password("pass-" + clerk).name(clerk).email(clerk + "@relief.example")
        .send().join();
    admin.newCreateAuthorizationCommand().ownerId(clerk).ownerType(OwnerType.USER).resourceId("another-process")
        .resourceType(ResourceType.PROCESS_DEFINITION).permissionTypes(PermissionType.UPDATE_PROCESS_INSTANCE)
        .send().join();
    CamundaClient clerkClient = client(Transport.REST, clerk, "pass-" + clerk);
    assertRejected(Transport.REST, () -> clerkClient.newMigrateProcessInstanceCommand(instance).migrationPlan(v2)
            .addMappingInstruction("review", "review2").send().join(),
        Status.Code.PERMISSION_DENIED, 403, "'UPDATE_PROCESS_INSTANCE'", "with id '" + id + "'");

    admin.newMigrateProcessInstanceCommand(instance).migrationPlan(v2).addMappingInstruction("review", "review2")
        .send().join();

    AuditPage.Item entry = audit.search(new AuditQuery(null, "MIGRATE_PROCESS_INSTANCE", instance, null, null, null,
        null, null)).items().stream().filter(i -> "ACCEPTED".equals(i.outcome())).findFirst().orElseThrow();
    assertThat(entry.callerId()).isEqualTo("demo");
    assertThat(entry.target().get("targetProcessDefinitionKey").asLong()).isEqualTo(v2);
    long[] moved = eventually(() -> migrationRow(instance), row -> row[0] != 0);
    assertThat(moved).containsExactly(v1, v2, 1);
  }

  private long[] migrationRow(long instance) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT source_process_definition_key, "
            + "target_process_definition_key, requested_by FROM history_process_instance_migration "
            + "WHERE process_instance_key = ?")) {
      statement.setLong(1, instance);
      try (ResultSet rows = statement.executeQuery()) {
        // the third value: 1 when the row names the administrator who asked
        return rows.next() ? new long[] {rows.getLong(1), rows.getLong(2), "demo".equals(rows.getString(3)) ? 1 : 0}
            : new long[] {0, 0, 0};
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
