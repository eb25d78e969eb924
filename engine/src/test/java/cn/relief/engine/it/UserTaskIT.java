package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.audit.AuditEntry;
import cn.relief.engine.audit.AuditPage;
import cn.relief.engine.audit.AuditQuery;
import cn.relief.engine.audit.AuditSearch;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Camunda user tasks through the real client: assignment, schedule and priority from the model
 * (static and FEEL), the task commands and their rejections, boundary timers, cancellation, and the
 * user task search, get and variables search.
 */
class UserTaskIT extends ClientTestSupport {
  private static final String DUE = "2026-12-24T10:00:00Z";
  private static final String FOLLOW_UP = "2026-12-20T08:30:00Z";

  @Autowired AuditSearch audit;

  @AfterEach
  void resetClock() {
    client(Transport.REST).newResetClockCommand().send().join();
  }

  /** start -> user task "review" (shaped by {@code task}) -> service task "after" -> end. */
  private static BpmnModelInstance reviewProcess(String id,
      java.util.function.Consumer<io.camunda.zeebe.model.bpmn.builder.UserTaskBuilder> task) {
    return Bpmn.createExecutableProcess(id)
        .startEvent()
        .userTask("review", t -> task.accept(t.name("Review the application").zeebeUserTask()))
        .endEvent("done")
        .done();
  }

  private static UserTask awaitTask(CamundaClient client, long instanceKey, UserTaskState state) {
    return eventually(() -> client.newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(instanceKey).state(state)).send().join().items(),
        items -> items.size() == 1).get(0);
  }

  @Test
  void staticAssignmentScheduleAndPriorityAreSearchable() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("ut-static", Transport.REST);
    long definitionKey = deploy(client, reviewProcess(id, t -> t.zeebeAssignee("alice")
        .zeebeCandidateUsers("bob, carol").zeebeCandidateGroups("caseworkers,supervisors")
        .zeebeDueDate(DUE).zeebeFollowUpDate(FOLLOW_UP).zeebeTaskPriority("70")
        .zeebeExternalFormReference("https://forms.relief.cn/review")))
        .getProcessDefinitionKey();
    long instance = startInstance(client, id, Map.of());

    UserTask task = awaitTask(client, instance, UserTaskState.CREATED);

    assertThat(task.getAssignee()).isEqualTo("alice");
    assertThat(task.getCandidateUsers()).containsExactly("bob", "carol");
    assertThat(task.getCandidateGroups()).containsExactly("caseworkers", "supervisors");
    assertThat(task.getDueDate()).isEqualTo(OffsetDateTime.parse(DUE));
    assertThat(task.getFollowUpDate()).isEqualTo(OffsetDateTime.parse(FOLLOW_UP));
    assertThat(task.getPriority()).isEqualTo(70);
    assertThat(task.getElementId()).isEqualTo("review");
    assertThat(task.getName()).isEqualTo("Review the application");
    assertThat(task.getProcessDefinitionKey()).isEqualTo(definitionKey);
    assertThat(task.getBpmnProcessId()).isEqualTo(id);
    assertThat(task.getExternalFormReference()).isEqualTo("https://forms.relief.cn/review");
    assertThat(task.getCreationDate()).isNotNull();
    assertThat(task.getCompletionDate()).isNull();
    assertThat(client.newUserTaskGetRequest(task.getUserTaskKey()).send().join().getAssignee()).isEqualTo("alice");
  }

  @Test
  void aLinkedFormIsReturnedAndItsRulesRefuseACompletionThatBreaksThem() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("ut-form", Transport.REST);
    String formId = id + "-registration";
    String schema = """
        {"id": "%s", "components": [
          {"type": "textfield", "key": "name", "label": "姓名", "validate": {"required": true, "minLength": 2}},
          {"type": "number", "key": "age", "label": "年龄", "validate": {"min": 0, "max": 120}}
        ]}""".formatted(formId);
    long formKey = client.newDeployResourceCommand()
        .addResourceBytes(schema.getBytes(java.nio.charset.StandardCharsets.UTF_8), formId + ".form")
        .send().join().getForm().get(0).getFormKey();
    deploy(client, reviewProcess(id, t -> t.zeebeFormId(formId)));
    long instance = startInstance(client, id, Map.of());
    UserTask task = awaitTask(client, instance, UserTaskState.CREATED);
    assertThat(task.getFormKey()).isEqualTo(formKey);

    io.camunda.client.api.search.response.Form form =
        client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join();
    assertThat(form.getFormId()).isEqualTo(formId);
    assertThat(form.getFormKey()).isEqualTo(formKey);
    assertThat(form.getVersion()).isEqualTo(1L);
    assertThat(String.valueOf(form.getSchema())).contains("姓名");

    String message = assertRejected(Transport.REST, () -> client.newCompleteUserTaskCommand(task.getUserTaskKey())
            .variables(Map.of("name", "张", "age", 130)).send().join(), io.grpc.Status.Code.INVALID_ARGUMENT, 400,
        "form '" + formId + "'", "name (姓名): expected at least 2 characters", "age (年龄): expected at most 120");
    assertThat(message).contains("2 field(s)");
    // nothing was completed: the task is still open and takes a valid submission
    assertThat(client.newUserTaskGetRequest(task.getUserTaskKey()).send().join().getState())
        .isEqualTo(UserTaskState.CREATED);
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(Map.of("name", "张三", "age", 45)).send().join();
    awaitTask(client, instance, UserTaskState.COMPLETED);
  }

  @Test
  void aTaskLinkingAFormThatIsNotDeployedRaisesAnIncident() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("ut-no-form", Transport.REST);
    deploy(client, reviewProcess(id, t -> t.zeebeFormId(id + "-missing")));
    long instance = startInstance(client, id, Map.of());
    Incident incident = awaitOpenIncident(instance);
    assertThat(incident.errorType()).isEqualTo("FORM_NOT_FOUND");
    assertThat(incident.errorMessage()).contains("no such form is deployed");
  }

  @Test
  void feelAssignmentScheduleAndPriorityAreEvaluatedWithTheInstanceVariables() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("ut-feel", Transport.REST);
    deploy(client, reviewProcess(id, t -> t.zeebeAssigneeExpression("owner")
        .zeebeCandidateGroupsExpression("[region, \"supervisors\"]").zeebeCandidateUsersExpression("deputy")
        .zeebeDueDateExpression("due").zeebeTaskPriorityExpression("urgency * 10")));
    long instance = startInstance(client, id,
        Map.of("owner", "dana", "region", "north", "deputy", "erin,frank", "due", DUE, "urgency", 9));

    UserTask task = awaitTask(client, instance, UserTaskState.CREATED);

    assertThat(task.getAssignee()).isEqualTo("dana");
    assertThat(task.getCandidateGroups()).containsExactly("north", "supervisors");
    assertThat(task.getCandidateUsers()).containsExactly("erin", "frank");
    assertThat(task.getDueDate()).isEqualTo(OffsetDateTime.parse(DUE));
    assertThat(task.getFollowUpDate()).isNull();
    assertThat(task.getPriority()).isEqualTo(90);
  }

  @Test
  void assignUnassignUpdateAndCompleteLetTheProcessGoOn() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("ut-lifecycle", Transport.REST);
    deploy(client, reviewProcess(id, t -> t.zeebeCandidateGroups("caseworkers")));
    long instance = startInstance(client, id, Map.of("applicant", "Li Wei"));
    long key = awaitTask(client, instance, UserTaskState.CREATED).getUserTaskKey();
    assertThat(client.newUserTaskGetRequest(key).send().join().getPriority()).isEqualTo(50);

    client.newAssignUserTaskCommand(key).assignee("gina").send().join();
    eventually(() -> client.newUserTaskGetRequest(key).send().join(), t -> "gina".equals(t.getAssignee()));
    client.newUnassignUserTaskCommand(key).send().join();
    eventually(() -> client.newUserTaskGetRequest(key).send().join(), t -> t.getAssignee() == null);
    client.newUpdateUserTaskCommand(key).dueDate(DUE).candidateUsers("hana").priority(80).send().join();
    UserTask updated = eventually(() -> client.newUserTaskGetRequest(key).send().join(), t -> t.getPriority() == 80);
    assertThat(updated.getDueDate()).isEqualTo(OffsetDateTime.parse(DUE));
    assertThat(updated.getCandidateUsers()).containsExactly("hana");
    assertThat(updated.getCandidateGroups()).as("not in the changeset: kept").containsExactly("caseworkers");
    client.newUpdateUserTaskCommand(key).clearDueDate().send().join();
    eventually(() -> client.newUserTaskGetRequest(key).send().join(), t -> t.getDueDate() == null);

    client.newAssignUserTaskCommand(key).assignee("gina").send().join();
    client.newCompleteUserTaskCommand(key).variables(Map.of("approved", true)).send().join();

    awaitInstanceState(instance, "COMPLETED");
    assertThat(completedElements(instance)).contains("review", "done");
    assertThat(rootVariables(instance)).containsEntry("approved", "true");
    UserTask completed = awaitTask(client, instance, UserTaskState.COMPLETED);
    assertThat(completed.getAssignee()).isEqualTo("gina");
    assertThat(completed.getCompletionDate()).isNotNull();

    // every command is in the audit trail, with who sent it and what it carried
    List<String> operations = audit.search(new AuditQuery(null, null, key, null, null, null, null, null)).items()
        .stream().map(AuditPage.Item::operation).toList();
    assertThat(operations).containsExactly("ASSIGN_USER_TASK", "UNASSIGN_USER_TASK", "UPDATE_USER_TASK",
        "UPDATE_USER_TASK", "ASSIGN_USER_TASK", "COMPLETE_USER_TASK");
    AuditPage.Item completion = audit.search(new AuditQuery(null, "COMPLETE_USER_TASK", key, null, null, null, null,
        null)).items().get(0);
    assertThat(completion.callerId()).isEqualTo("demo");
    assertThat(completion.outcome()).isEqualTo(AuditEntry.ACCEPTED);
    assertThat(completion.request().toString()).contains("approved");
  }

  @Test
  void aFailingAssigneeExpressionRaisesAnIncidentThatCanBeResolved() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("ut-incident", Transport.REST);
    deploy(client, reviewProcess(id, t -> t.zeebeAssigneeExpression("owner")));
    long instance = startInstance(client, id, Map.of("owner", 42));

    Incident incident = awaitOpenIncident(instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("review");
    assertThat(incident.errorMessage()).contains("assignee", "STRING", "42");

    client.newSetVariablesCommand(instance).variables(Map.of("owner", "olga")).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    assertThat(awaitTask(client, instance, UserTaskState.CREATED).getAssignee()).isEqualTo("olga");
  }

  @Test
  void outputMappingsTakeTheCompletionVariables() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("ut-output", Transport.REST);
    deploy(client, reviewProcess(id, t -> t.zeebeOutputExpression("approved", "decision")));
    long instance = startInstance(client, id, Map.of());
    long key = awaitTask(client, instance, UserTaskState.CREATED).getUserTaskKey();

    client.newCompleteUserTaskCommand(key).variables(Map.of("approved", false)).send().join();

    awaitInstanceState(instance, "COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("decision", "false").doesNotContainKey("approved");
  }

  @Test
  void commandsOnTasksThatCannotTakeThemAreRejected() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("ut-rejections", Transport.REST);
    deploy(client, reviewProcess(id, t -> t.zeebeAssignee("ivan")));
    long instance = startInstance(client, id, Map.of());
    long key = awaitTask(client, instance, UserTaskState.CREATED).getUserTaskKey();

    assertRejected(Transport.REST, () -> client.newAssignUserTaskCommand(key).assignee("jun").allowOverride(false)
        .send().join(), Status.Code.FAILED_PRECONDITION, 409, "already assigned to 'ivan'");
    assertRejected(Transport.REST, () -> client.newUpdateUserTaskCommand(key).priority(101).send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "between 0 and 100", "101");
    assertRejected(Transport.REST, () -> client.newAssignUserTaskCommand(4503599627370495L).assignee("jun")
        .send().join(), Status.Code.NOT_FOUND, 404, "no such user task");
    assertRejected(Transport.REST, () -> client.newCompleteUserTaskCommand(4503599627370495L).send().join(),
        Status.Code.NOT_FOUND, 404, "no such user task");

    client.newAssignUserTaskCommand(key).assignee("ivan").allowOverride(false).send().join();
    client.newCompleteUserTaskCommand(key).send().join();
    // as in Camunda: a completed task is gone from the engine's state
    assertRejected(Transport.REST, () -> client.newCompleteUserTaskCommand(key).send().join(),
        Status.Code.NOT_FOUND, 404, "complete user task with key '" + key + "'", "no such user task");
    assertRejected(Transport.REST, () -> client.newAssignUserTaskCommand(key).assignee("jun").send().join(),
        Status.Code.NOT_FOUND, 404, "no such user task");
  }

  @Test
  void aBoundaryTimerOnAUserTaskCancelsTheTaskWhenItFires() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("ut-deadline", Transport.REST);
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(2, ChronoUnit.DAYS);
    client.newPinClockCommand().time(start.toEpochMilli()).send().join();
    deploy(client, Bpmn.createExecutableProcess(id)
        .startEvent()
        .userTask("review", t -> t.zeebeUserTask())
        .boundaryEvent("deadline", b -> b.timerWithDuration("P3D").endEvent("escalated"))
        .moveToActivity("review").endEvent("done")
        .done());
    long instance = startInstance(client, id, Map.of());
    awaitTask(client, instance, UserTaskState.CREATED);

    client.newPinClockCommand().time(start.plus(4, ChronoUnit.DAYS).toEpochMilli()).send().join();

    awaitInstanceState(instance, "COMPLETED");
    assertThat(terminatedElements(instance)).containsExactly("review");
    assertThat(completedElements(instance)).contains("deadline", "escalated").doesNotContain("done");
    awaitTask(client, instance, UserTaskState.CANCELED);
  }

  @Test
  void aMultiInstanceUserTaskHasOneTaskPerItem() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("ut-multi", Transport.REST);
    deploy(client, reviewProcess(id, t -> t.zeebeAssigneeExpression("reviewer")
        .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("reviewers").zeebeInputElement("reviewer"))));
    long instance = startInstance(client, id, Map.of("reviewers", List.of("pia", "quan", "rosa")));

    List<UserTask> tasks = eventually(() -> client.newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instance)).sort(s -> s.creationDate().asc()).send().join().items(),
        items -> items.size() == 3);
    assertThat(tasks).extracting(UserTask::getAssignee).containsExactlyInAnyOrder("pia", "quan", "rosa");
    tasks.forEach(task -> client.newCompleteUserTaskCommand(task.getUserTaskKey()).send().join());

    awaitInstanceState(instance, "COMPLETED");
  }

  @Test
  void cancelingTheInstanceCancelsItsTask() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("ut-cancel", Transport.REST);
    deploy(client, reviewProcess(id, t -> t.zeebeAssignee("kim")));
    long instance = startInstance(client, id, Map.of());
    long key = awaitTask(client, instance, UserTaskState.CREATED).getUserTaskKey();

    client.newCancelInstanceCommand(instance).send().join();

    UserTask canceled = awaitTask(client, instance, UserTaskState.CANCELED);
    assertThat(canceled.getUserTaskKey()).isEqualTo(key);
    assertThat(canceled.getCompletionDate()).isNotNull();
    assertRejected(Transport.REST, () -> client.newCompleteUserTaskCommand(key).send().join(),
        Status.Code.NOT_FOUND, 404, "no such user task");
  }

  @Test
  void searchFiltersAndSortsTasks() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("ut-search", Transport.REST);
    deploy(client, reviewProcess(id, t -> t.zeebeAssigneeExpression("assignee")
        .zeebeCandidateGroupsExpression("groups").zeebeCandidateUsers("lead")
        .zeebeDueDateExpression("due").zeebeTaskPriorityExpression("priority")));
    OffsetDateTime base = OffsetDateTime.of(2027, 1, 10, 9, 0, 0, 0, ZoneOffset.UTC);
    long low = startInstance(client, id, Map.of("assignee", "lena", "groups", List.of("north"),
        "due", base.toString(), "priority", 10));
    long high = startInstance(client, id, Map.of("assignee", "mark", "groups", List.of("north", "south"),
        "due", base.plusDays(2).toString(), "priority", 90));
    long middle = startInstance(client, id, Map.of("assignee", "lena", "groups", List.of("south"),
        "due", base.plusDays(1).toString(), "priority", 40));
    long processDefinitionKey = awaitTask(client, low, UserTaskState.CREATED).getProcessDefinitionKey();
    awaitTask(client, high, UserTaskState.CREATED);
    awaitTask(client, middle, UserTaskState.CREATED);

    assertThat(taskInstances(client, f -> f.processDefinitionKey(processDefinitionKey).assignee("lena")))
        .containsExactlyInAnyOrder(low, middle);
    assertThat(taskInstances(client, f -> f.processDefinitionKey(processDefinitionKey).candidateGroup("south")))
        .containsExactlyInAnyOrder(high, middle);
    assertThat(taskInstances(client, f -> f.processDefinitionKey(processDefinitionKey)
        .candidateGroup(g -> g.neq("south")))).containsExactly(low);
    assertThat(taskInstances(client, f -> f.processDefinitionKey(processDefinitionKey)
        .candidateGroup(g -> g.in("south", "east")))).containsExactlyInAnyOrder(high, middle);
    assertThat(taskInstances(client, f -> f.processDefinitionKey(processDefinitionKey).candidateUser("lead")))
        .hasSize(3);
    assertThat(taskInstances(client, f -> f.processDefinitionKey(processDefinitionKey).candidateUser("nobody")))
        .isEmpty();
    assertThat(taskInstances(client, f -> f.processDefinitionKey(processDefinitionKey)
        .priority(p -> p.gte(40)).dueDate(d -> d.lt(base.plusDays(2))))).containsExactly(middle);
    assertThat(taskInstances(client, f -> f.processDefinitionKey(processDefinitionKey).elementId("review")
        .state(UserTaskState.CREATED))).hasSize(3);

    List<Long> byPriority = client.newUserTaskSearchRequest().filter(f -> f.processDefinitionKey(processDefinitionKey))
        .sort(s -> s.priority().desc()).send().join().items().stream().map(UserTask::getProcessInstanceKey).toList();
    assertThat(byPriority).containsExactly(high, middle, low);
    List<Long> byDueDate = client.newUserTaskSearchRequest().filter(f -> f.processDefinitionKey(processDefinitionKey))
        .sort(s -> s.dueDate().asc()).page(p -> p.limit(2)).send().join().items().stream()
        .map(UserTask::getProcessInstanceKey).toList();
    assertThat(byDueDate).containsExactly(low, middle);
  }

  @Test
  void candidatesMatchAPattern() throws Exception {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("ut-like", Transport.REST);
    deploy(client, reviewProcess(id, t -> t.zeebeCandidateGroups("south-east,west")));
    long instance = startInstance(client, id, Map.of());
    awaitTask(client, instance, UserTaskState.CREATED);
    String filter = "{\"filter\":{\"processInstanceKey\":\"" + instance + "\",\"candidateGroup\":{\"$like\":\"%s\"}}}";

    assertThat(http("POST", "/v2/user-tasks/search", filter.formatted("south*"), true).body())
        .contains("\"totalItems\":1");
    assertThat(http("POST", "/v2/user-tasks/search", filter.formatted("north*"), true).body())
        .contains("\"totalItems\":0");
  }

  @Test
  void anUnknownFilterIsRefused() throws Exception {
    var response = http("POST", "/v2/user-tasks/search", "{\"filter\":{\"colour\":\"red\"}}", true);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("colour");
  }

  @Test
  void theTaskSeesTheVariablesOfItsScopeChainWithTheInnermostWinning() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("ut-variables", Transport.REST);
    deploy(client, Bpmn.createExecutableProcess(id)
        .startEvent()
        .subProcess("case", s -> s.embeddedSubProcess().startEvent()
            .userTask("review", t -> t.zeebeUserTask().zeebeInputExpression("\"inner\"", "region"))
            .endEvent())
        .zeebeInputExpression("amount * 2", "amount")
        .endEvent()
        .done());
    long instance = startInstance(client, id, Map.of("region", "north", "amount", 100, "applicant", "Li Wei"));
    long key = awaitTask(client, instance, UserTaskState.CREATED).getUserTaskKey();

    List<Variable> variables = eventually(() -> client.newUserTaskVariableSearchRequest(key).send().join().items(),
        items -> items.size() == 3);

    Map<String, String> byName = new java.util.TreeMap<>();
    variables.forEach(v -> byName.put(v.getName(), v.getValue()));
    assertThat(byName).containsEntry("region", "\"inner\"").containsEntry("amount", "200")
        .containsEntry("applicant", "\"Li Wei\"");
    assertThat(client.newUserTaskVariableSearchRequest(key).filter(f -> f.name("amount")).send().join().items())
        .singleElement().satisfies(v -> assertThat(v.getValue()).isEqualTo("200"));
  }

  @Test
  void anUpdateWithAZonedDateIsKeptAsAnOffsetDate() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("ut-zoned", Transport.REST);
    deploy(client, reviewProcess(id, t -> { }));
    long instance = startInstance(client, id, Map.of());
    long key = awaitTask(client, instance, UserTaskState.CREATED).getUserTaskKey();
    client.newUpdateUserTaskCommand(key).dueDate(" 2026-12-24T10:00+08:00[Asia/Shanghai] ").send().join();
    assertThat(eventually(() -> client.newUserTaskGetRequest(key).send().join().getDueDate(), d -> d != null))
        .isEqualTo(OffsetDateTime.parse("2026-12-24T10:00:00+08:00"));
  }

  @Test
  void aJobBasedUserTaskIsRefusedAtDeployment() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("ut-job-based", Transport.REST);
    BpmnModelInstance model = Bpmn.createExecutableProcess(id).startEvent().userTask("legacy").endEvent().done();
    assertRejected(Transport.REST, () -> client.newDeployResourceCommand()
            .addResourceBytes(Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8), id + ".bpmn").send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "legacy", "zeebe:userTask", "job-based");
  }

  @Test
  void staticValuesOutsideTheirRangeAreRefusedAtDeployment() {
    CamundaClient client = client(Transport.REST);
    String priorityId = uniqueId("ut-bad-priority", Transport.REST);
    assertRejected(Transport.REST, () -> deploy(client, reviewProcess(priorityId, t -> t.zeebeTaskPriority("101"))),
        Status.Code.INVALID_ARGUMENT, 400, "review", "between 0 and 100", "101");
    String dateId = uniqueId("ut-bad-date", Transport.REST);
    assertRejected(Transport.REST, () -> deploy(client, reviewProcess(dateId, t -> t.zeebeDueDate("next monday"))),
        Status.Code.INVALID_ARGUMENT, 400, "review", "due date", "next monday");
  }

  private static List<Long> taskInstances(CamundaClient client,
      java.util.function.Consumer<io.camunda.client.api.search.filter.UserTaskFilter> filter) {
    return client.newUserTaskSearchRequest().filter(filter).send().join().items().stream()
        .map(UserTask::getProcessInstanceKey).toList();
  }
}
