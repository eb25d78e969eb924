package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.audit.AuditPage;
import cn.relief.engine.audit.AuditQuery;
import cn.relief.engine.audit.AuditSearch;
import cn.relief.engine.audit.AuditVerifier;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.OwnerType;
import io.camunda.client.api.search.enums.PermissionType;
import io.camunda.client.api.search.enums.ResourceType;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who sees and acts on a task: its assignee, its candidate users, members of its candidate groups,
 * and administrators; nobody else, whether searching, reading or acting. Three users in different
 * groups, as a county station's caseworkers, another station's and an auditor would be.
 */
class TaskPermissionIT extends ClientTestSupport {
  @Autowired AuditSearch audit;
  @Autowired AuditVerifier verifier;

  @Test
  void onlyAssigneesCandidatesAndTheirGroupsSeeAndActOnATask() throws Exception {
    CamundaClient admin = client(Transport.REST);
    String suffix = uniqueId("perm", Transport.REST);
    String stationA = "station-a-" + suffix;
    String stationB = "station-b-" + suffix;
    String caseworkerA = "caseworker-a-" + suffix;
    String caseworkerB = "caseworker-b-" + suffix;
    String auditor = "auditor-" + suffix;
    for (String user : List.of(caseworkerA, caseworkerB, auditor)) {
      admin.newCreateUserCommand().username(user).password("pass-" + user).name(user).email(user + "@relief.example")
          .send().join();
    }
    admin.newCreateGroupCommand().groupId(stationA).name("Station A").send().join();
    admin.newCreateGroupCommand().groupId(stationB).name("Station B").send().join();
    admin.newAssignUserToGroupCommand().username(caseworkerA).groupId(stationA).send().join();
    admin.newAssignUserToGroupCommand().username(caseworkerB).groupId(stationB).send().join();

    String processId = "perm-" + suffix;
    deploy(admin, Bpmn.createExecutableProcess(processId).startEvent()
        .userTask("register", t -> t.zeebeUserTask().zeebeCandidateGroups(stationA).zeebeCandidateUsers(auditor))
        .endEvent().done());
    long instance = startInstance(admin, processId, Map.of("name", "张三"));
    UserTask task = eventually(() -> tasksOf(admin, instance), tasks -> tasks.size() == 1).get(0);
    long key = task.getUserTaskKey();

    CamundaClient a = client(Transport.REST, caseworkerA, "pass-" + caseworkerA);
    CamundaClient b = client(Transport.REST, caseworkerB, "pass-" + caseworkerB);
    CamundaClient c = client(Transport.REST, auditor, "pass-" + auditor);

    // seeing: the candidate group's member and the candidate user find it; the other station does not
    assertThat(tasksOf(a, instance)).extracting(UserTask::getUserTaskKey).containsExactly(key);
    assertThat(tasksOf(c, instance)).extracting(UserTask::getUserTaskKey).containsExactly(key);
    assertThat(tasksOf(b, instance)).isEmpty();
    assertRejected(Transport.REST, () -> b.newUserTaskGetRequest(key).send().join(), Status.Code.PERMISSION_DENIED,
        403, "'" + caseworkerB + "'", "candidate group");
    assertRejected(Transport.REST, () -> b.newUserTaskVariableSearchRequest(key).send().join(),
        Status.Code.PERMISSION_DENIED, 403, "'" + caseworkerB + "'");

    // acting: the other station can neither claim nor complete it, and nothing changes
    assertRejected(Transport.REST, () -> b.newAssignUserTaskCommand(key).assignee(caseworkerB).send().join(),
        Status.Code.PERMISSION_DENIED, 403, "'" + caseworkerB + "'");
    assertRejected(Transport.REST, () -> b.newCompleteUserTaskCommand(key).send().join(),
        Status.Code.PERMISSION_DENIED, 403, "'" + caseworkerB + "'");
    assertThat(admin.newUserTaskGetRequest(key).send().join().getState()).isEqualTo(UserTaskState.CREATED);

    // the group member claims it: now it is theirs; the auditor, still a candidate user, sees it too...
    a.newAssignUserTaskCommand(key).assignee(caseworkerA).send().join();
    eventually(() -> admin.newUserTaskGetRequest(key).send().join().getAssignee(), caseworkerA::equals);
    assertThat(c.newUserTaskGetRequest(key).send().join().getAssignee()).isEqualTo(caseworkerA);
    // ...but only its assignee completes it: a fellow candidate has to take it over first
    assertRejected(Transport.REST, () -> c.newCompleteUserTaskCommand(key).send().join(),
        Status.Code.PERMISSION_DENIED, 403, "assigned to '" + caseworkerA + "'", "assign it to yourself first");
    a.newCompleteUserTaskCommand(key).variables(Map.of("registered", true)).send().join();
    eventually(() -> admin.newUserTaskGetRequest(key).send().join().getState(), UserTaskState.COMPLETED::equals);

    // the audit trail holds every case's data: a caseworker may not read it, an administrator may
    assertThat(http("GET", "/v2/relief/audit/verification", null, caseworkerA, "pass-" + caseworkerA).statusCode())
        .isEqualTo(403);
    assertThat(http("GET", "/v2/relief/audit/verification", null, true).statusCode()).isEqualTo(200);
    // ...and the refused attempt is itself in the trail: who tried what, and what was missing
    AuditPage.Item attempt = eventually(() -> audit.search(new AuditQuery(caseworkerA, "REFUSED_CALL", null, null,
        null, null, null, null)).items(), items -> !items.isEmpty()).get(0);
    assertThat(attempt.outcome()).isEqualTo("REJECTED");
    assertThat(attempt.rejectionType()).isEqualTo("FORBIDDEN");
    assertThat(attempt.target().get("call").asText()).isEqualTo("GET /v2/relief/audit/verification");
    assertThat(attempt.request().get("permissionType").asText()).isEqualTo("READ");
    assertThat(attempt.rejectionMessage()).contains("'" + caseworkerA + "'", "'SYSTEM'");
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void readUserTaskLetsAnAuditorReadEveryTaskOfTheProcessButActOnNone() throws Exception {
    CamundaClient admin = client(Transport.REST);
    String suffix = uniqueId("read", Transport.REST);
    String processId = "read-tasks-" + suffix;
    String auditor = "auditor-" + suffix;
    String elsewhere = "auditor-elsewhere-" + suffix;
    for (String user : List.of(auditor, elsewhere)) {
      admin.newCreateUserCommand().username(user).password("pass-" + user).name(user).email(user + "@relief.example")
          .send().join();
    }
    admin.newCreateAuthorizationCommand().ownerId(auditor).ownerType(OwnerType.USER).resourceId(processId)
        .resourceType(ResourceType.PROCESS_DEFINITION).permissionTypes(PermissionType.READ_USER_TASK).send().join();
    admin.newCreateAuthorizationCommand().ownerId(elsewhere).ownerType(OwnerType.USER).resourceId("other-" + suffix)
        .resourceType(ResourceType.PROCESS_DEFINITION).permissionTypes(PermissionType.READ_USER_TASK).send().join();
    deploy(admin, Bpmn.createExecutableProcess(processId).startEvent()
        .userTask("register", t -> t.zeebeUserTask().zeebeCandidateGroups("station-" + suffix))
        .endEvent().done());
    long instance = startInstance(admin, processId, Map.of("name", "张三"));
    long key = eventually(() -> tasksOf(admin, instance), tasks -> tasks.size() == 1).get(0).getUserTaskKey();

    CamundaClient reader = client(Transport.REST, auditor, "pass-" + auditor);
    CamundaClient other = client(Transport.REST, elsewhere, "pass-" + elsewhere);
    assertThat(tasksOf(reader, instance)).extracting(UserTask::getUserTaskKey).containsExactly(key);
    assertThat(reader.newUserTaskGetRequest(key).send().join().getElementId()).isEqualTo("register");
    assertThat(reader.newUserTaskVariableSearchRequest(key).send().join().items())
        .anySatisfy(variable -> assertThat(variable.getName()).isEqualTo("name"));
    assertThat(tasksOf(other, instance)).isEmpty();
    assertRejected(Transport.REST, () -> other.newUserTaskGetRequest(key).send().join(),
        Status.Code.PERMISSION_DENIED, 403, "'" + elsewhere + "'");
    // reading is not acting: claiming and completing stay with the candidates
    assertRejected(Transport.REST, () -> reader.newAssignUserTaskCommand(key).assignee(auditor).send().join(),
        Status.Code.PERMISSION_DENIED, 403, "'" + auditor + "'");
    assertRejected(Transport.REST, () -> reader.newCompleteUserTaskCommand(key).send().join(),
        Status.Code.PERMISSION_DENIED, 403, "'" + auditor + "'");
  }

  private static List<UserTask> tasksOf(CamundaClient client, long instance) {
    return client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(instance)).send().join().items();
  }
}
