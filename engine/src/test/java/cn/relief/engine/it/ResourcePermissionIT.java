package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.OwnerType;
import io.camunda.client.api.search.enums.PermissionType;
import io.camunda.client.api.search.enums.ResourceType;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Authorizations hold for one resource id or for {@code *}: a county station's clerk allowed to
 * run the station's own procedure starts, reads and cancels its cases, and neither starts, sees nor
 * cancels those of another procedure, whether searching or asking by key.
 */
class ResourcePermissionIT extends ClientTestSupport {

  @ParameterizedTest
  @OverBothTransports
  void anAuthorizationForOneProcessGrantsThatProcessOnly(Transport transport) {
    CamundaClient admin = client(transport);
    String own = uniqueId("perm-own", transport);
    String other = uniqueId("perm-other", transport);
    String clerk = uniqueId("clerk", transport);
    for (String id : List.of(own, other)) {
      deploy(admin, Bpmn.createExecutableProcess(id).startEvent().userTask("wait", t -> t.zeebeUserTask())
          .endEvent().done());
    }
    admin.newCreateUserCommand().username(clerk).password("pass-" + clerk).name(clerk).email(clerk + "@relief.example")
        .send().join();
    admin.newCreateAuthorizationCommand().ownerId(clerk).ownerType(OwnerType.USER).resourceId(own)
        .resourceType(ResourceType.PROCESS_DEFINITION)
        .permissionTypes(PermissionType.CREATE_PROCESS_INSTANCE, PermissionType.READ_PROCESS_INSTANCE,
            PermissionType.READ_PROCESS_DEFINITION, PermissionType.CANCEL_PROCESS_INSTANCE)
        .send().join();
    CamundaClient clerkClient = client(transport, clerk, "pass-" + clerk);

    long ownInstance = startInstance(clerkClient, own, Map.of());
    String refusal = assertRejected(transport, () -> startInstance(clerkClient, other, Map.of()),
        Status.Code.PERMISSION_DENIED, 403, "'" + clerk + "'", "'CREATE_PROCESS_INSTANCE'", "with id '" + other + "'");
    assertThat(refusal).doesNotContain("with id '" + own + "'");
    long otherInstance = startInstance(admin, other, Map.of());

    // searching: only the rows of the process the clerk may read, even when asking for both
    List<ProcessInstance> seen = eventually(() -> clerkClient.newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId(p -> p.in(own, other))).send().join().items(),
        items -> !items.isEmpty());
    assertThat(seen).extracting(ProcessInstance::getProcessInstanceKey).containsExactly(ownInstance);
    assertThat(admin.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId(p -> p.in(own, other)))
        .send().join().items()).hasSize(2);
    assertThat(clerkClient.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId(p -> p.in(own, other)))
        .send().join().items()).extracting(ProcessDefinition::getProcessDefinitionId).containsExactly(own);
    eventually(() -> admin.newProcessInstanceSearchRequest().filter(f -> f.processInstanceKey(otherInstance))
        .send().join().items(), items -> items.size() == 1);
    // asking by key for the other process's case is refused, not answered
    assertRejected(Transport.REST, () -> clerkClient.newProcessInstanceGetRequest(otherInstance).send().join(),
        Status.Code.PERMISSION_DENIED, 403, "READ_PROCESS_INSTANCE", "'" + other + "'");
    assertThat(clerkClient.newProcessInstanceGetRequest(ownInstance).send().join().getProcessDefinitionId())
        .isEqualTo(own);

    // acting: the other process's case cannot be canceled, the own one can
    assertRejected(transport, () -> clerkClient.newCancelInstanceCommand(otherInstance).send().join(),
        Status.Code.PERMISSION_DENIED, 403, "'CANCEL_PROCESS_INSTANCE'", "with id '" + other + "'");
    clerkClient.newCancelInstanceCommand(ownInstance).send().join();
    awaitInstanceState(otherInstance, "ACTIVE");
    awaitInstanceState(ownInstance, "TERMINATED");
  }

  @ParameterizedTest
  @OverBothTransports
  void anAuthorizationForOneDecisionGrantsEvaluatingThatDecisionOnly(Transport transport) {
    CamundaClient admin = client(transport);
    String prefix = uniqueId("perm-dmn", transport);
    String clerk = uniqueId("dmn-clerk", transport);
    admin.newDeployResourceCommand()
        .addResourceBytes(reliefAidDmn(prefix).getBytes(StandardCharsets.UTF_8), prefix + ".dmn").send().join();
    String allowed = prefix + "-aid-level";
    String other = prefix + "-first-contact";
    admin.newCreateUserCommand().username(clerk).password("pass-" + clerk).name(clerk).email(clerk + "@relief.example")
        .send().join();
    admin.newCreateAuthorizationCommand().ownerId(clerk).ownerType(OwnerType.USER).resourceId(allowed)
        .resourceType(ResourceType.DECISION_DEFINITION).permissionTypes(PermissionType.CREATE_DECISION_INSTANCE)
        .send().join();
    CamundaClient clerkClient = client(transport, clerk, "pass-" + clerk);

    assertThat(clerkClient.newEvaluateDecisionCommand().decisionId(allowed)
        .variables(Map.of("damage", "destroyed", "householdSize", 5)).send().join().getDecisionOutput())
        .contains("\"A\"");
    assertRejected(transport, () -> clerkClient.newEvaluateDecisionCommand().decisionId(other)
            .variables(Map.of("region", "north")).send().join(),
        Status.Code.PERMISSION_DENIED, 403, "'CREATE_DECISION_INSTANCE'", "with id '" + other + "'");
  }
}
