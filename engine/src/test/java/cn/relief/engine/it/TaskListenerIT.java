package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.JobKind;
import io.camunda.client.api.search.enums.JobState;
import io.camunda.client.api.search.enums.ListenerEventType;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.Job;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.UserTaskBuilder;
import io.grpc.Status;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Task listeners as Camunda 8.8 runs them, through the real client: a change of a user task waits
 * for its listeners' jobs, which see the task as the change would leave it, may correct it or deny
 * the change, run in model order, raise an incident when out of retries, and hold the caller's
 * answer until the change took effect.
 */
class TaskListenerIT extends ClientTestSupport {

  private static BpmnModelInstance process(String id, Consumer<UserTaskBuilder> task) {
    return Bpmn.createExecutableProcess(id).startEvent()
        .userTask("check", t -> task.accept(t.name("核实身份").zeebeUserTask()))
        .endEvent().done();
  }

  private static UserTask awaitTask(CamundaClient client, long instance) {
    return eventually(() -> client.newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(instance).state(UserTaskState.CREATED)).send().join().items(),
        items -> items.size() == 1).get(0);
  }

  /** The answer to a change is held while listeners run; a short look shows it is not there yet. */
  private static void assertWaiting(CamundaFuture<?> change) throws InterruptedException {
    Thread.sleep(200);
    assertThat(change.toCompletableFuture().isDone()).as("the change is answered before its listeners ran").isFalse();
  }

  @ParameterizedTest
  @OverBothTransports
  void anAssignmentWaitsForItsListenersWhichSeeAndCorrectTheTaskInModelOrder(Transport transport) throws Exception {
    CamundaClient client = client(transport);
    String id = uniqueId("tl-assign", transport);
    deploy(client, process(id, t -> t.zeebeCandidateGroups("caseworkers")
        .zeebeTaskListener(l -> l.assigning().type(id + "-check"))
        .zeebeTaskListener(l -> l.assigning().type(id + "-audit"))
        .zeebeTaskListener(l -> l.updating().type(id + "-schedule"))));
    long instance = startInstance(client, id, Map.of());
    long taskKey = awaitTask(client, instance).getUserTaskKey();

    CamundaFuture<?> assigning = client.newAssignUserTaskCommand(taskKey).assignee("alice").send();
    ActivatedJob check = activateOne(client, id + "-check");
    assertThat(check.getKind()).isEqualTo(JobKind.TASK_LISTENER);
    assertThat(check.getListenerEventType()).isEqualTo(ListenerEventType.ASSIGNING);
    assertThat(check.getUserTask().getUserTaskKey()).isEqualTo(taskKey);
    assertThat(check.getUserTask().getAssignee()).isEqualTo("alice");
    assertThat(check.getUserTask().getAction()).isEqualTo("assign");
    assertThat(check.getUserTask().getChangedAttributes()).containsExactly("assignee");
    assertThat(check.getUserTask().getCandidateGroups()).containsExactly("caseworkers");
    assertThat(check.getElementId()).isEqualTo("check");
    assertWaiting(assigning);
    // only one listener at a time: the second waits for the first
    assertNoActivatableJob(client, id + "-audit", Duration.ofMillis(200));

    client.newCompleteCommand(check)
        .withResult(r -> r.forUserTask().correctCandidateGroups(List.of("supervisors")).correctPriority(80))
        .send().join();
    ActivatedJob audit = activateOne(client, id + "-audit");
    assertThat(audit.getUserTask().getCandidateGroups()).containsExactly("supervisors");
    assertThat(audit.getUserTask().getPriority()).isEqualTo(80);
    assertThat(audit.getUserTask().getChangedAttributes())
        .containsExactlyInAnyOrder("assignee", "candidateGroupsList", "priority");
    assertWaiting(assigning);
    client.newCompleteCommand(audit).send().join();
    assigning.join();

    UserTask assigned = eventually(() -> client.newUserTaskGetRequest(taskKey).send().join(),
        task -> "alice".equals(task.getAssignee()));
    assertThat(assigned.getCandidateGroups()).containsExactly("supervisors");
    assertThat(assigned.getPriority()).isEqualTo(80);

    // an update runs the updating listeners, which may correct other attributes than it changed
    CamundaFuture<?> updating = client.newUpdateUserTaskCommand(taskKey).dueDate("2026-12-24T10:00:00+08:00").send();
    ActivatedJob schedule = activateOne(client, id + "-schedule");
    assertThat(schedule.getListenerEventType()).isEqualTo(ListenerEventType.UPDATING);
    assertThat(schedule.getUserTask().getChangedAttributes()).containsExactly("dueDate");
    assertThat(schedule.getUserTask().getDueDate()).isEqualTo(OffsetDateTime.parse("2026-12-24T10:00:00+08:00"));
    client.newCompleteCommand(schedule)
        .withResult(r -> r.forUserTask().correctFollowUpDate("2026-12-20T09:00:00+08:00")).send().join();
    updating.join();
    UserTask updated = eventually(() -> client.newUserTaskGetRequest(taskKey).send().join(),
        task -> task.getFollowUpDate() != null);
    assertThat(updated.getFollowUpDate()).isEqualTo(OffsetDateTime.parse("2026-12-20T09:00:00+08:00"));
    assertThat(updated.getDueDate()).isEqualTo(OffsetDateTime.parse("2026-12-24T10:00:00+08:00"));
  }

  @ParameterizedTest
  @OverBothTransports
  void aDeniedCompletionLeavesTheTaskOpenAndAnApprovedOneLetsTheProcessGoOn(Transport transport) throws Exception {
    CamundaClient client = client(transport);
    String id = uniqueId("tl-complete", transport);
    deploy(client, process(id, t -> t.zeebeTaskListener(l -> l.completing().type(id + "-review"))));
    long instance = startInstance(client, id, Map.of());
    long taskKey = awaitTask(client, instance).getUserTaskKey();

    CamundaFuture<?> completing = client.newCompleteUserTaskCommand(taskKey).variables(Map.of("verified", false)).send();
    ActivatedJob review = activateOne(client, id + "-review");
    assertThat(review.getListenerEventType()).isEqualTo(ListenerEventType.COMPLETING);
    assertThat(review.getUserTask().getAction()).isEqualTo("complete");
    // the listener judges the variables the task is being completed with
    assertThat(review.getVariablesAsMap()).containsEntry("verified", false);
    assertWaiting(completing);
    client.newCompleteCommand(review).withResult(r -> r.forUserTask().deny(true, "身份尚未核实")).send().join();

    assertRejected(Transport.REST, completing::join, Status.Code.FAILED_PRECONDITION, 409,
        "complete user task with key '" + taskKey + "'", "denied", "身份尚未核实");
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");
    // the auditor finds the denial in the job history
    Job denial = eventually(() -> client.newJobSearchRequest()
            .filter(f -> f.processInstanceKey(instance).kind(JobKind.TASK_LISTENER).isDenied(true)).send().join().items(),
        jobs -> jobs.size() == 1).get(0);
    assertThat(denial.getJobKey()).isEqualTo(review.getKey());
    assertThat(denial.getListenerEventType()).isEqualTo(ListenerEventType.COMPLETING);
    assertThat(denial.getDeniedReason()).isEqualTo("身份尚未核实");
    assertThat(denial.getState()).isEqualTo(JobState.COMPLETED);
    // the task is open as before: it takes commands again
    client.newAssignUserTaskCommand(taskKey).assignee("bob").send().join();

    CamundaFuture<?> again = client.newCompleteUserTaskCommand(taskKey).variables(Map.of("verified", true)).send();
    client.newCompleteCommand(activateOne(client, id + "-review")).send().join();
    again.join();
    awaitInstanceState(instance, "COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("verified", "true");
  }

  @Test
  void aListenerOutOfRetriesRaisesAnIncidentAndTheChangeGoesOnOnceItIsResolved() throws Exception {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("tl-incident", Transport.REST);
    deploy(client, process(id, t -> t.zeebeTaskListener(l -> l.assigning().type(id + "-check").retries("1"))));
    long instance = startInstance(client, id, Map.of());
    long taskKey = awaitTask(client, instance).getUserTaskKey();

    CamundaFuture<?> assigning = client.newAssignUserTaskCommand(taskKey).assignee("carol").send();
    ActivatedJob check = activateOne(client, id + "-check");
    client.newFailCommand(check).retries(0).errorMessage("户籍系统不可用").send().join();
    Incident incident = awaitOpenIncident(instance);
    assertThat(incident.errorType()).isEqualTo("TASK_LISTENER_NO_RETRIES");
    assertThat(incident.errorMessage()).isEqualTo("户籍系统不可用");
    assertThat(incident.jobKey()).isEqualTo(check.getKey());

    client.newUpdateRetriesCommand(check.getKey()).retries(1).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    client.newCompleteCommand(activateOne(client, id + "-check")).send().join();
    assigning.join();
    assertThat(eventually(() -> client.newUserTaskGetRequest(taskKey).send().join().getAssignee(),
        "carol"::equals)).isEqualTo("carol");
  }

  @ParameterizedTest
  @OverBothTransports
  void listenerJobsTakeNoVariablesNorErrorsAndOtherJobsNoVerdict(Transport transport) {
    CamundaClient client = client(transport);
    String id = uniqueId("tl-bad", transport);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("lookup", s -> s.zeebeJobType(id + "-lookup"))
        .userTask("check", t -> t.zeebeUserTask().zeebeTaskListener(l -> l.assigning().type(id + "-check")))
        .endEvent().done());
    long instance = startInstance(client, id, Map.of());

    ActivatedJob lookup = activateOne(client, id + "-lookup");
    assertRejected(transport, () -> client.newCompleteCommand(lookup).withResult(r -> r.forUserTask().deny(true))
        .send().join(), Status.Code.INVALID_ARGUMENT, 400, "task listener", "lookup");
    client.newCompleteCommand(lookup).send().join();

    long taskKey = awaitTask(client, instance).getUserTaskKey();
    client.newAssignUserTaskCommand(taskKey).assignee("dave").send();
    ActivatedJob check = activateOne(client, id + "-check");
    assertRejected(transport, () -> client.newCompleteCommand(check).variables(Map.of("x", 1)).send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "without variables", "[x]");
    assertRejected(transport, () -> client.newThrowErrorCommand(check).errorCode("E").send().join(),
        Status.Code.FAILED_PRECONDITION, 409, "task listener");
    assertRejected(transport, () -> client.newCompleteCommand(check).withResult(r -> r.forUserTask().correctPriority(101))
        .send().join(), Status.Code.INVALID_ARGUMENT, 400, "between 0 and 100", "101");
    client.newCompleteCommand(check).send().join();
    assertThat(eventually(() -> client.newUserTaskGetRequest(taskKey).send().join().getAssignee(),
        "dave"::equals)).isEqualTo("dave");
  }

  @Test
  void aChangeWhileListenersRunIsRejectedAsStaleAndACompletedTaskIsGone() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("tl-stale", Transport.REST);
    deploy(client, process(id, t -> t.zeebeTaskListener(l -> l.completing().type(id + "-review"))));
    long instance = startInstance(client, id, Map.of());
    long taskKey = awaitTask(client, instance).getUserTaskKey();

    CamundaFuture<?> completing = client.newCompleteUserTaskCommand(taskKey).send();
    ActivatedJob review = activateOne(client, id + "-review");
    assertRejected(Transport.REST, () -> client.newUpdateUserTaskCommand(taskKey).priority(90).send().join(),
        Status.Code.FAILED_PRECONDITION, 409, "state 'CREATED'", "'COMPLETING'");
    assertRejected(Transport.REST, () -> client.newAssignUserTaskCommand(taskKey).assignee("erin").send().join(),
        Status.Code.FAILED_PRECONDITION, 409, "'COMPLETING'");
    assertRejected(Transport.REST, () -> client.newCompleteUserTaskCommand(taskKey).send().join(),
        Status.Code.FAILED_PRECONDITION, 409, "'COMPLETING'");

    client.newCompleteCommand(review).send().join();
    completing.join();
    assertRejected(Transport.REST, () -> client.newUpdateUserTaskCommand(taskKey).priority(90).send().join(),
        Status.Code.NOT_FOUND, 404, "no such user task");
    assertRejected(Transport.REST, () -> client.newCompleteUserTaskCommand(taskKey).send().join(),
        Status.Code.NOT_FOUND, 404, "no such user task");
    awaitInstanceState(instance, "COMPLETED");
  }

  @Test
  void cancelingTheInstanceWhileAListenerRunsRefusesTheChangeAndCancelsTheJob() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("tl-cancel", Transport.REST);
    deploy(client, process(id, t -> t.zeebeTaskListener(l -> l.assigning().type(id + "-check"))));
    long instance = startInstance(client, id, Map.of());
    long taskKey = awaitTask(client, instance).getUserTaskKey();

    CamundaFuture<?> assigning = client.newAssignUserTaskCommand(taskKey).assignee("frank").send();
    ActivatedJob check = activateOne(client, id + "-check");
    client.newCancelInstanceCommand(instance).send().join();

    assertRejected(Transport.REST, assigning::join, Status.Code.FAILED_PRECONDITION, 409,
        "assign user task with key '" + taskKey + "'", "canceled");
    assertRejected(Transport.REST, () -> client.newCompleteCommand(check).send().join(),
        Status.Code.NOT_FOUND, 404, "no such job");
    awaitInstanceState(instance, "TERMINATED");
  }

  @Test
  void creatingAndCancelingListenersAreRefusedAtDeployment() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("tl-creating", Transport.REST);
    assertRejected(Transport.REST, () -> deploy(client,
            process(id, t -> t.zeebeTaskListener(l -> l.creating().type(id + "-x")))),
        Status.Code.INVALID_ARGUMENT, 400, "check", "creating", "not supported");
  }
}
