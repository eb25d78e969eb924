package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Call activities (variables down and back, bindings, cancellation, errors and incidents across
 * the call) and multi-instance activities (parallel, sequential, collections, completion
 * condition), driven through the real client.
 */
class CallActivityAndMultiInstanceIT extends ClientTestSupport {

  @OverBothTransports
  void aCallActivityPassesVariablesDownAndTakesTheChildsBack(Transport transport) {
    CamundaClient client = client(transport);
    String child = uniqueId("tracing", transport);
    String parent = uniqueId("relief-case", transport);
    String type = uniqueId("compare", transport);
    deploy(client, Bpmn.createExecutableProcess(child).startEvent()
        .serviceTask("compare", t -> t.zeebeJobType(type)).endEvent().done());
    deploy(client, Bpmn.createExecutableProcess(parent).startEvent()
        .callActivity("familyTracing", c -> c.zeebeProcessIdExpression("tracingProcess"))
        .endEvent("traced").done());
    long instance = startInstance(client, parent, Map.of("personId", "P-1", "tracingProcess", child));
    ActivatedJob job = activateOne(client, type);
    assertThat(job.getVariablesAsMap()).containsEntry("personId", "P-1");
    assertThat(job.getBpmnProcessId()).isEqualTo(child);
    client.newCompleteCommand(job).variables(Map.of("familyFound", true)).send().join();
    awaitInstanceState(instance, "COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("familyFound", "true");
    assertThat(instanceState(job.getProcessInstanceKey())).isEqualTo("COMPLETED");
  }

  @Test
  void withoutPropagationOnlyTheOutputMappingsComeBack() {
    CamundaClient client = client(Transport.GRPC);
    String child = uniqueId("assess", Transport.GRPC);
    String parent = uniqueId("assess-parent", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(child).startEvent()
        .scriptTask("score", s -> s.zeebeExpression("age * 2").zeebeResultVariable("score"))
        .scriptTask("note", s -> s.zeebeExpression("\"internal\"").zeebeResultVariable("internalNote"))
        .endEvent().done());
    deploy(client, Bpmn.createExecutableProcess(parent).startEvent()
        .callActivity("assessment", c -> c.zeebeProcessId(child).zeebePropagateAllParentVariables(false)
            .zeebePropagateAllChildVariables(false).zeebeInputExpression("person.age", "age")
            .zeebeOutputExpression("score", "assessmentScore"))
        .endEvent().done());
    var result = client.newCreateInstanceCommand().bpmnProcessId(parent).latestVersion()
        .variables(Map.of("person", Map.of("age", 40), "secret", "x")).withResult().send().join();
    assertThat(result.getVariablesAsMap()).containsEntry("assessmentScore", 80)
        .doesNotContainKeys("score", "internalNote", "age");
    long childInstance = instancesOf(child).get(0);
    assertThat(rootVariables(childInstance)).containsKey("age").doesNotContainKeys("secret", "person");
  }

  @Test
  void bindingsChooseTheLatestTheSameDeploymentOrATaggedVersion() {
    CamundaClient client = client(Transport.GRPC);
    String child = uniqueId("rules", Transport.GRPC);
    String byDeployment = uniqueId("by-deployment", Transport.GRPC);
    String byTag = uniqueId("by-tag", Transport.GRPC);
    String latest = uniqueId("by-latest", Transport.GRPC);
    client.newDeployResourceCommand()
        .addProcessModel(Bpmn.createExecutableProcess(child).versionTag("2026-policy").startEvent()
            .scriptTask("v", s -> s.zeebeExpression("1").zeebeResultVariable("ruleVersion")).endEvent().done(),
            child + ".bpmn")
        .addProcessModel(Bpmn.createExecutableProcess(byDeployment).startEvent()
            .callActivity("call", c -> c.zeebeProcessId(child).zeebeBindingType(ZeebeBindingType.deployment))
            .endEvent().done(), byDeployment + ".bpmn")
        .send().join();
    deploy(client, Bpmn.createExecutableProcess(child).startEvent()
        .scriptTask("v", s -> s.zeebeExpression("2").zeebeResultVariable("ruleVersion")).endEvent().done());
    deploy(client, Bpmn.createExecutableProcess(byTag).startEvent()
        .callActivity("call", c -> c.zeebeProcessId(child).zeebeBindingType(ZeebeBindingType.versionTag)
            .zeebeVersionTag("2026-policy"))
        .endEvent().done());
    deploy(client, Bpmn.createExecutableProcess(latest).startEvent()
        .callActivity("call", c -> c.zeebeProcessId(child)).endEvent().done());
    assertThat(run(client, byDeployment)).containsEntry("ruleVersion", 1);
    assertThat(run(client, byTag)).containsEntry("ruleVersion", 1);
    assertThat(run(client, latest)).containsEntry("ruleVersion", 2);
  }

  private static Map<String, Object> run(CamundaClient client, String id) {
    return client.newCreateInstanceCommand().bpmnProcessId(id).latestVersion().withResult().send().join()
        .getVariablesAsMap();
  }

  @Test
  void aMissingCalledProcessIsAnIncidentThatDeployingItResolves() {
    CamundaClient client = client(Transport.GRPC);
    String child = uniqueId("not-yet", Transport.GRPC);
    String parent = uniqueId("calls-missing", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(parent).startEvent()
        .callActivity("call", c -> c.zeebeProcessId(child)).endEvent().done());
    long instance = startInstance(client, parent, Map.of());
    Incident incident = awaitOpenIncident(instance);
    assertThat(incident.errorType()).isEqualTo("CALLED_ELEMENT_ERROR");
    assertThat(incident.errorMessage()).contains(child);
    deploy(client, Bpmn.createExecutableProcess(child).startEvent().endEvent().done());
    client.newResolveIncidentCommand(incident.key()).send().join();
    awaitInstanceState(instance, "COMPLETED");
  }

  @Test
  void cancellingTheCallerCancelsTheCalledInstanceAndChildIncidentsShowTheCaller() {
    CamundaClient client = client(Transport.GRPC);
    String child = uniqueId("failing-child", Transport.GRPC);
    String parent = uniqueId("failing-parent", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(child).startEvent()
        .scriptTask("broken", s -> s.zeebeExpression("assert(x, x != null)").zeebeResultVariable("y"))
        .endEvent().done());
    deploy(client, Bpmn.createExecutableProcess(parent).startEvent()
        .callActivity("call", c -> c.zeebeProcessId(child)).endEvent().done());
    long instance = startInstance(client, parent, Map.of());
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> instancesOf(child).size() == 1);
    long childInstance = instancesOf(child).get(0);
    awaitOpenIncident(childInstance);
    // the incident in the called process names the caller's instance at the root of its path
    assertThat(incidentPathRoots(instance)).containsExactly(instance);

    // the called instance cannot be cancelled on its own, only with its root
    var refused = org.assertj.core.api.Assertions.catchThrowable(
        () -> client.newCancelInstanceCommand(childInstance).send().join());
    assertThat(refused).hasMessageContaining("parent process instance");
    client.newCancelInstanceCommand(instance).send().join();
    awaitInstanceState(instance, "TERMINATED");
    awaitInstanceState(childInstance, "TERMINATED");
    assertThat(openIncidents(childInstance)).isEmpty();
  }

  @Test
  void anErrorInTheCalledProcessIsCaughtAtTheCallActivity() {
    CamundaClient client = client(Transport.GRPC);
    String child = uniqueId("error-child", Transport.GRPC);
    String parent = uniqueId("error-parent", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(child).startEvent()
        .endEvent("refuse", e -> e.error("REFUSED")).done());
    deploy(client, Bpmn.createExecutableProcess(parent).startEvent()
        .callActivity("call", c -> c.zeebeProcessId(child))
        .boundaryEvent("refused").error("REFUSED").endEvent("writtenNotice")
        .moveToActivity("call").endEvent("accepted").done());
    long instance = startInstance(client, parent, Map.of());
    awaitInstanceState(instance, "COMPLETED");
    assertThat(completedElements(instance)).contains("refused", "writtenNotice").doesNotContain("accepted");
    awaitInstanceState(instancesOf(child).get(0), "TERMINATED");
  }

  @OverBothTransports
  void aParallelMultiInstanceTaskRunsOncePerItemAndCollectsTheOutputsInOrder(Transport transport) {
    CamundaClient client = client(transport);
    String id = uniqueId("mi-parallel", transport);
    String type = uniqueId("notify-agency", transport);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("notify", t -> t.zeebeJobType(type).multiInstance(mi -> mi.parallel()
            .zeebeInputCollectionExpression("agencies").zeebeInputElement("agency")
            .zeebeOutputCollection("replies").zeebeOutputElementExpression("reply")))
        .endEvent().done());
    long instance = startInstance(client, id, Map.of("agencies", List.of("police", "civil-affairs", "health")));
    List<ActivatedJob> jobs = new ArrayList<>();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
      jobs.addAll(activate(client, type, 3, Duration.ofMinutes(1), Duration.ofMillis(500)));
      return jobs.size() == 3;
    });
    jobs.sort(Comparator.comparing(j -> ((Number) j.getVariablesAsMap().get("loopCounter")).intValue()));
    assertThat(jobs).extracting(j -> j.getVariablesAsMap().get("agency"))
        .containsExactly("police", "civil-affairs", "health");
    // completed out of order; the output collection keeps the input order
    for (int i = jobs.size() - 1; i >= 0; i--) {
      ActivatedJob job = jobs.get(i);
      client.newCompleteCommand(job).variables(Map.of("reply", "ok-" + job.getVariablesAsMap().get("agency")))
          .send().join();
    }
    awaitInstanceState(instance, "COMPLETED");
    assertThat(rootVariables(instance))
        .containsEntry("replies", "[\"ok-police\",\"ok-civil-affairs\",\"ok-health\"]");
  }

  @Test
  void aSequentialMultiInstanceTaskRunsOneItemAfterTheOther() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("mi-sequential", Transport.GRPC);
    String type = uniqueId("visit", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("visit", t -> t.zeebeJobType(type).zeebeInputExpression("\"上门走访：\" + address", "visitLabel")
            .multiInstance(mi -> mi.sequential()
            .zeebeInputCollectionExpression("addresses").zeebeInputElement("address")))
        .endEvent().done());
    long instance = startInstance(client, id, Map.of("addresses", List.of("A", "B", "C")));
    for (String expected : List.of("A", "B", "C")) {
      List<ActivatedJob> jobs = activate(client, type, 5, Duration.ofMinutes(1), Duration.ofSeconds(2));
      assertThat(jobs).hasSize(1);
      // the input mappings see the item and the loop counter of their own iteration
      assertThat(jobs.get(0).getVariablesAsMap()).containsEntry("address", expected)
          .containsEntry("visitLabel", "上门走访：" + expected);
      client.newCompleteCommand(jobs.get(0)).send().join();
    }
    awaitInstanceState(instance, "COMPLETED");
  }

  @Test
  void theCompletionConditionEndsTheRemainingInstances() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("mi-condition", Transport.GRPC);
    String type = uniqueId("joint-vote", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("vote", t -> t.zeebeJobType(type).multiInstance(mi -> mi.parallel()
            .zeebeInputCollectionExpression("members").completionCondition("= numberOfCompletedInstances >= 2")))
        .endEvent().done());
    long instance = startInstance(client, id, Map.of("members", List.of(1, 2, 3)));
    List<ActivatedJob> jobs = new ArrayList<>();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
      jobs.addAll(activate(client, type, 3, Duration.ofMinutes(1), Duration.ofMillis(500)));
      return jobs.size() == 3;
    });
    client.newCompleteCommand(jobs.get(0)).send().join();
    client.newCompleteCommand(jobs.get(1)).send().join();
    awaitInstanceState(instance, "COMPLETED");
    assertThat(terminatedElements(instance)).containsExactly("vote");
    assertThat(completedElements(instance).stream().filter("vote"::equals).count()).isEqualTo(3); // 2 inner + body
  }

  @Test
  void multiInstanceSubProcessesAndCallActivitiesCollectTheirOutputs() {
    CamundaClient client = client(Transport.GRPC);
    String child = uniqueId("mi-child", Transport.GRPC);
    String id = uniqueId("mi-scopes", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(child).startEvent()
        .scriptTask("triple", s -> s.zeebeExpression("n * 3").zeebeResultVariable("tripled")).endEvent().done());
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        // as Zeebe recommends, the output element is made local to each inner instance by an input mapping
        .subProcess("perItem", s -> s.zeebeInputExpression("null", "doubled")
            .multiInstance(mi -> mi.parallel().zeebeInputCollectionExpression("numbers")
            .zeebeInputElement("n").zeebeOutputCollection("doubles").zeebeOutputElementExpression("doubled")))
        .embeddedSubProcess().startEvent()
        .scriptTask("double", s -> s.zeebeExpression("n * 2").zeebeResultVariable("doubled"))
        .endEvent()
        .subProcessDone()
        .callActivity("callPerItem", c -> c.zeebeProcessId(child).zeebePropagateAllChildVariables(false)
            .zeebeOutputExpression("tripled", "tripled")
            .multiInstance(mi -> mi.sequential().zeebeInputCollectionExpression("numbers").zeebeInputElement("n")
                .zeebeOutputCollection("triples").zeebeOutputElementExpression("tripled")))
        .endEvent().done());
    var result = client.newCreateInstanceCommand().bpmnProcessId(id).latestVersion()
        .variables(Map.of("numbers", List.of(1, 2, 3))).withResult().send().join();
    assertThat(result.getVariablesAsMap()).containsEntry("doubles", List.of(2, 4, 6))
        .containsEntry("triples", List.of(3, 6, 9)).doesNotContainKey("doubled");

    // an empty collection completes at once with an empty output
    var empty = client.newCreateInstanceCommand().bpmnProcessId(id).latestVersion()
        .variables(Map.of("numbers", List.of())).withResult().send().join();
    assertThat(empty.getVariablesAsMap()).containsEntry("doubles", List.of()).containsEntry("triples", List.of());
  }

  @Test
  void anInputCollectionThatIsNotAListIsAnIncident() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("mi-bad-input", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .manualTask("each").multiInstance(mi -> mi.parallel().zeebeInputCollectionExpression("items"))
        .endEvent().done());
    long instance = startInstance(client, id, Map.of("items", "not-a-list"));
    Incident incident = awaitOpenIncident(instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.errorMessage()).contains("ARRAY");
    client.newSetVariablesCommand(instance).variables(Map.of("items", List.of(1, 2))).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    awaitInstanceState(instance, "COMPLETED");
  }

  /** The root process instance keys named by the incidents whose path starts at the given instance. */
  private List<Long> incidentPathRoots(long rootInstance) {
    String sql = """
        SELECT (value::jsonb->'elementInstancePath'->0->>0)::bigint FROM engine_record
         WHERE value_type = 'INCIDENT' AND intent = 'CREATED' AND record_type = 'EVENT'
           AND (value::jsonb->'elementInstancePath'->0->>0)::bigint = ?
        """;
    List<Long> roots = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, rootInstance);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          roots.add(rows.getLong(1));
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return roots;
  }
}
