package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.audit.AuditPage;
import cn.relief.engine.audit.AuditQuery;
import cn.relief.engine.audit.AuditSearch;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.OwnerType;
import io.camunda.client.api.search.enums.PermissionType;
import io.camunda.client.api.search.enums.ResourceType;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Variable;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Process instance modification through the real client: a supervisor repairs a stuck relief
 * case by terminating element instances and activating elements (also inside sub-processes) with
 * variables; a modification that cannot be carried out is refused with the reason and changes
 * nothing.
 */
class ModificationIT extends ClientTestSupport {
  @Autowired AuditSearch audit;

  /** lookup -> deliver -> end. */
  private static BpmnModelInstance delivery(String id) {
    return Bpmn.createExecutableProcess(id).startEvent("start")
        .serviceTask("lookup", s -> s.zeebeJobType(id + "-lookup"))
        .boundaryEvent("escalated", b -> b.timerWithDuration("PT1H")).endEvent("late")
        .moveToActivity("lookup")
        .serviceTask("deliver", s -> s.zeebeJobType(id + "-deliver"))
        .endEvent("done").done();
  }

  /** intake -> sub-process relief (pack -> ship) -> end. */
  private static BpmnModelInstance withSubProcess(String id) {
    return Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("intake", s -> s.zeebeJobType(id + "-intake"))
        .subProcess("relief", sub -> sub.embeddedSubProcess().startEvent("relief-start")
            .serviceTask("pack", s -> s.zeebeJobType(id + "-pack"))
            .serviceTask("ship", s -> s.zeebeJobType(id + "-ship"))
            .endEvent("relief-end"))
        .endEvent("closed").done();
  }

  /** Two teams visit at once: the sub-process "team" (visit -> report) runs twice in parallel. */
  private static BpmnModelInstance twoTeams(String id) {
    return Bpmn.createExecutableProcess(id).startEvent()
        .parallelGateway("fork")
        .subProcess("team", sub -> sub.embeddedSubProcess().startEvent()
            .serviceTask("visit", s -> s.zeebeJobType(id + "-visit"))
            .serviceTask("report", s -> s.zeebeJobType(id + "-report"))
            .endEvent())
        .endEvent("team-done")
        .moveToNode("fork").connectTo("team")
        .done();
  }

  @ParameterizedTest
  @OverBothTransports
  void aStuckCaseIsRepairedByTerminatingTheFailedStepAndActivatingTheNext(Transport transport) {
    CamundaClient client = client(transport);
    String id = uniqueId("mod-stuck", transport);
    deploy(client, delivery(id));
    long instance = startInstance(client, id, Map.of("caseId", "S-1"));
    ActivatedJob lookup = activateOne(client, id + "-lookup");
    client.newFailCommand(lookup).retries(0).errorMessage("户籍系统不可用").send().join();
    awaitOpenIncident(instance);

    client.newModifyProcessInstanceCommand(instance)
        .terminateElement(lookup.getElementInstanceKey())
        .and().activateElement("deliver").withVariables(Map.of("household", "H-7"))
        .send().join();

    // the incident of the terminated step is resolved, the next step runs with the variables
    eventually(() -> openIncidents(instance), List::isEmpty);
    ActivatedJob deliver = activateOne(client, id + "-deliver");
    assertThat(deliver.getVariablesAsMap()).containsEntry("household", "H-7").containsEntry("caseId", "S-1");
    assertThat(rootVariables(instance)).containsEntry("household", "\"H-7\"");
    client.newCompleteCommand(deliver).send().join();
    awaitInstanceState(instance, "COMPLETED");
    assertThat(terminatedElements(instance)).containsExactly("lookup");
    assertThat(completedElements(instance)).contains("deliver", "done").doesNotContain("lookup", "late");

    // the history follows: the terminated step, the activated one, the variable
    List<ElementInstance> elements = eventually(() -> client.newElementInstanceSearchRequest()
            .filter(f -> f.processInstanceKey(instance)).send().join().items(),
        items -> items.stream().anyMatch(e -> "deliver".equals(e.getElementId())
            && e.getState() == ElementInstanceState.COMPLETED));
    assertThat(elements).anyMatch(e -> "lookup".equals(e.getElementId())
        && e.getState() == ElementInstanceState.TERMINATED);
    List<Variable> variables = eventually(() -> client.newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(instance)).send().join().items(),
        items -> items.stream().anyMatch(v -> "household".equals(v.getName())));
    assertThat(variables).anyMatch(v -> "household".equals(v.getName()) && v.getScopeKey() == instance);
  }

  @ParameterizedTest
  @OverBothTransports
  void anElementInsideASubProcessWithoutInstanceGetsItsSubProcessCreated(Transport transport) {
    CamundaClient client = client(transport);
    String id = uniqueId("mod-sub", transport);
    deploy(client, withSubProcess(id));
    long instance = startInstance(client, id, Map.of());
    ActivatedJob intake = activateOne(client, id + "-intake");

    client.newModifyProcessInstanceCommand(instance)
        .activateElement("ship").withVariables(Map.of("parcels", 3), "relief")
        .and().terminateElement(intake.getElementInstanceKey())
        .send().join();

    ActivatedJob ship = activateOne(client, id + "-ship");
    assertThat(ship.getVariablesAsMap()).containsEntry("parcels", 3);
    List<Long> relief = activeElementKeys(instance, "relief");
    assertThat(relief).hasSize(1);
    assertThat(flowScopeOf(ship.getElementInstanceKey())).isEqualTo(relief.get(0));
    assertThat(variableScopes(instance, "parcels")).containsExactly(relief.get(0));
    // the sub-process was created without running its start event, and "pack" was skipped
    assertThat(elementEvents(instance)).noneMatch(e -> e.startsWith("relief-start:") || e.startsWith("pack:"));
    client.newCompleteCommand(ship).send().join();
    awaitInstanceState(instance, "COMPLETED");
    assertThat(completedElements(instance)).contains("ship", "relief-end", "relief", "closed");
  }

  @ParameterizedTest
  @OverBothTransports
  void withTwoSubProcessInstancesTheAncestorMustBeChosen(Transport transport) {
    CamundaClient client = client(transport);
    String id = uniqueId("mod-teams", transport);
    deploy(client, twoTeams(id));
    long instance = startInstance(client, id, Map.of());
    List<Long> teams = eventually(() -> activeElementKeys(instance, "team"), keys -> keys.size() == 2);
    ActivatedJob visit = activateOne(client, id + "-visit");
    int eventsBefore = elementEvents(instance).size();

    assertRejected(transport, () -> client.newModifyProcessInstanceCommand(instance)
            .activateElement("report").send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "flow scope 'team'", "found 2", "ancestor element instance key");
    assertRejected(transport, () -> client.newModifyProcessInstanceCommand(instance)
            .activateElement("report", visit.getElementInstanceKey()).send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "'" + visit.getElementInstanceKey() + "'", "one of its flow scopes",
        "instance of 'visit'");
    assertRejected(transport, () -> client.newModifyProcessInstanceCommand(instance)
            .activateElement("report", instance + 100_000).send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "'" + (instance + 100_000) + "'", "no such element instance");
    assertThat(elementEvents(instance)).hasSize(eventsBefore);

    long chosen = teams.get(1);
    client.newModifyProcessInstanceCommand(instance).activateElement("report", chosen).send().join();
    ActivatedJob report = activateOne(client, id + "-report");
    assertThat(flowScopeOf(report.getElementInstanceKey())).isEqualTo(chosen);

    // the process instance as ancestor: a third team instance is created for the report
    client.newModifyProcessInstanceCommand(instance).activateElement("report", instance).send().join();
    assertThat(eventually(() -> activeElementKeys(instance, "team"), keys -> keys.size() == 3))
        .containsAll(teams);
  }

  @Test
  void variablesGoToTheActivatedElementOrToTheProcess() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("mod-vars", Transport.GRPC);
    deploy(client, delivery(id));
    long instance = startInstance(client, id, Map.of());
    ActivatedJob lookup = activateOne(client, id + "-lookup");

    client.newModifyProcessInstanceCommand(instance)
        .activateElement("deliver")
        .withVariables(Map.of("note", "只送药品"), "deliver")
        .withVariables(Map.of("region", "north"), id)
        .withVariables(Map.of("priority", 1))
        .and().terminateElement(lookup.getElementInstanceKey())
        .send().join();

    ActivatedJob deliver = activateOne(client, id + "-deliver");
    assertThat(deliver.getVariablesAsMap()).containsEntry("note", "只送药品").containsEntry("region", "north")
        .containsEntry("priority", 1);
    assertThat(variableScopes(instance, "note")).containsExactly(deliver.getElementInstanceKey());
    assertThat(rootVariables(instance)).containsKeys("region", "priority").doesNotContainKey("note");
  }

  @ParameterizedTest
  @OverBothTransports
  void terminatingTheOnlyActiveElementTerminatesTheInstance(Transport transport) {
    CamundaClient client = client(transport);
    String id = uniqueId("mod-end", transport);
    deploy(client, withSubProcess(id));
    long instance = startInstance(client, id, Map.of());
    client.newCompleteCommand(activateOne(client, id + "-intake")).send().join();
    ActivatedJob pack = activateOne(client, id + "-pack");

    client.newModifyProcessInstanceCommand(instance).terminateElement(pack.getElementInstanceKey()).send().join();

    // the sub-process left empty is terminated, and so is the process instance (nothing completes)
    awaitInstanceState(instance, "TERMINATED");
    assertThat(terminatedElements(instance)).contains("pack", "relief", id);
    assertThat(completedElements(instance)).doesNotContain("relief", "closed", id);
    assertNoActivatableJob(client, id + "-ship", java.time.Duration.ofMillis(200));
  }

  @ParameterizedTest
  @OverBothTransports
  void aModificationThatCannotBeCarriedOutIsRefusedAndChangesNothing(Transport transport) {
    CamundaClient client = client(transport);
    String id = uniqueId("mod-refused", transport);
    deploy(client, delivery(id));
    long instance = startInstance(client, id, Map.of());
    ActivatedJob lookup = activateOne(client, id + "-lookup");
    int eventsBefore = elementEvents(instance).size();

    assertRejected(transport, () -> client.newModifyProcessInstanceCommand(instance + 100_000)
            .activateElement("deliver").send().join(),
        Status.Code.NOT_FOUND, 404, "process instance with key '" + (instance + 100_000) + "'");
    assertRejected(transport, () -> client.newModifyProcessInstanceCommand(instance)
            .activateElement("no-such-element").send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "could not be found: 'no-such-element'");
    assertRejected(transport, () -> client.newModifyProcessInstanceCommand(instance)
            .activateElement("deliver").and().terminateElement(lookup.getElementInstanceKey() + 100_000)
            .send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "terminate instruction", "'" + (lookup.getElementInstanceKey() + 100_000) + "'");
    assertRejected(transport, () -> client.newModifyProcessInstanceCommand(instance)
            .activateElement("escalated").send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "'escalated' cannot be activated", "boundary event");
    assertRejected(transport, () -> client.newModifyProcessInstanceCommand(instance)
            .activateElement("start").send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "'start' cannot be activated", "start event");
    assertRejected(transport, () -> client.newModifyProcessInstanceCommand(instance)
            .activateElement("deliver").withVariables(Map.of("x", 1), "lookup").send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "variable scope", "'lookup'");
    assertRejected(transport, () -> client.newModifyProcessInstanceCommand(instance)
            .terminateElement(instance).send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "the process instance itself");

    // nothing changed: no element event was written, the job is still the worker's
    assertThat(elementEvents(instance)).hasSize(eventsBefore);
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");
    client.newCompleteCommand(lookup).send().join();
    client.newCompleteCommand(activateOne(client, id + "-deliver")).send().join();
    awaitInstanceState(instance, "COMPLETED");
  }

  @ParameterizedTest
  @OverBothTransports
  void aModificationNeedsThePermissionAndIsAudited(Transport transport) {
    CamundaClient admin = client(transport);
    String id = uniqueId("mod-audit", transport);
    deploy(admin, delivery(id));
    long instance = startInstance(admin, id, Map.of());
    ActivatedJob lookup = activateOne(admin, id + "-lookup");
    String clerk = uniqueId("mod-clerk", transport);
    admin.newCreateUserCommand().username(clerk).password("pass-" + clerk).name(clerk).email(clerk + "@relief.example")
        .send().join();
    admin.newCreateAuthorizationCommand().ownerId(clerk).ownerType(OwnerType.USER).resourceId("another-process")
        .resourceType(ResourceType.PROCESS_DEFINITION).permissionTypes(PermissionType.MODIFY_PROCESS_INSTANCE)
        .send().join();
    CamundaClient clerkClient = client(transport, clerk, "pass-" + clerk);
    int eventsBefore = elementEvents(instance).size();
    assertRejected(transport, () -> clerkClient.newModifyProcessInstanceCommand(instance)
            .activateElement("deliver").and().terminateElement(lookup.getElementInstanceKey()).send().join(),
        Status.Code.PERMISSION_DENIED, 403, "'MODIFY_PROCESS_INSTANCE'", "with id '" + id + "'");
    assertThat(elementEvents(instance)).hasSize(eventsBefore);

    admin.newModifyProcessInstanceCommand(instance)
        .activateElement("deliver").and().terminateElement(lookup.getElementInstanceKey()).send().join();

    AuditPage.Item entry = eventually(() -> audit.search(new AuditQuery(null, "MODIFY_PROCESS_INSTANCE", instance,
            null, null, null, null, null)).items().stream().filter(i -> "ACCEPTED".equals(i.outcome())).toList(),
        items -> !items.isEmpty()).get(0);
    assertThat(entry.callerId()).isEqualTo("demo");
    activateOne(admin, id + "-deliver");
    // the case's history has the modification, with who asked and what it terminated
    List<Long> terminated = eventually(() -> longs("SELECT t::bigint FROM history_process_instance_modification m, "
        + "jsonb_array_elements_text(m.terminated_element_instance_keys::jsonb) t WHERE m.process_instance_key = ? "
        + "AND m.requested_by = ? AND m.activate_instructions LIKE ?", instance, "demo", "%deliver%"),
        keys -> !keys.isEmpty());
    assertThat(terminated).contains(lookup.getElementInstanceKey());
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** Keys of the instance's element instances of the element that were activated and have not ended. */
  private List<Long> activeElementKeys(long instance, String elementId) {
    String sql = """
        SELECT a.record_key FROM engine_record a
         WHERE a.value_type = 'PROCESS_INSTANCE' AND a.record_type = 'EVENT' AND a.intent = 'ELEMENT_ACTIVATED'
           AND (a.value::jsonb->>'processInstanceKey')::bigint = ? AND a.value::jsonb->>'elementId' = ?
           AND NOT EXISTS (SELECT 1 FROM engine_record e WHERE e.record_key = a.record_key
                 AND e.value_type = 'PROCESS_INSTANCE' AND e.record_type = 'EVENT'
                 AND e.intent IN ('ELEMENT_COMPLETED', 'ELEMENT_TERMINATED'))
         ORDER BY a.position
        """;
    return longs(sql, instance, elementId);
  }

  private long flowScopeOf(long elementInstanceKey) {
    String sql = """
        SELECT (value::jsonb->>'flowScopeKey')::bigint FROM engine_record
         WHERE value_type = 'PROCESS_INSTANCE' AND record_type = 'EVENT' AND intent = 'ELEMENT_ACTIVATING'
           AND record_key = ?
        """;
    return longs(sql, elementInstanceKey).get(0);
  }

  /** The scope keys the variable of the instance was created in. */
  private List<Long> variableScopes(long instance, String name) {
    String sql = """
        SELECT (value::jsonb->>'scopeKey')::bigint FROM engine_record
         WHERE value_type = 'VARIABLE' AND record_type = 'EVENT' AND intent = 'CREATED'
           AND (value::jsonb->>'processInstanceKey')::bigint = ? AND value::jsonb->>'name' = ?
        """;
    return longs(sql, instance, name);
  }

}
