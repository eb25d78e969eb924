package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The history as the client's search and get requests see it: projected from the event log into
 * query tables, with filters, sorting and cursor pagination.
 */
class HistorySearchIT extends ClientTestSupport {

  @Test
  void processInstancesAreFoundByDefinitionStateAndVariableAndPagedByCursor() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("history-instances", Transport.REST);
    String type = uniqueId("history-work", Transport.REST);
    deploy(client, Bpmn.createExecutableProcess(id).name("救助案件").startEvent("start")
        .serviceTask("register", t -> t.zeebeJobType(type).name("登记")).endEvent("end").done());
    List<Long> keys = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      keys.add(startInstance(client, id, Map.of("caseNo", "C-" + i, "station", i % 2 == 0 ? "north" : "south")));
    }
    var job = activate(client, type, 10, Duration.ofMinutes(1), Duration.ofSeconds(2)).stream()
        .filter(j -> j.getProcessInstanceKey() == keys.get(0)).findFirst().orElseThrow();
    client.newCompleteCommand(job).send().join();
    awaitInstanceState(keys.get(0), "COMPLETED");

    SearchResponse<ProcessInstance> active = eventually(() -> client.newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(id).state(ProcessInstanceState.ACTIVE)).send().join(),
        r -> r.items().size() == 4);
    assertThat(active.page().totalItems()).isEqualTo(4);
    assertThat(active.items()).allSatisfy(pi -> {
      assertThat(pi.getProcessDefinitionName()).isEqualTo("救助案件");
      assertThat(pi.getState()).isEqualTo(ProcessInstanceState.ACTIVE);
    });
    ProcessInstance completed = eventually(() -> client.newProcessInstanceGetRequest(keys.get(0)).send().join(),
        pi -> pi.getState() == ProcessInstanceState.COMPLETED);
    assertThat(completed.getEndDate()).isNotNull();

    // by a variable's value
    SearchResponse<ProcessInstance> north = client.newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(id).variables(Map.of("station", "north"))).send().join();
    assertThat(north.items()).extracting(ProcessInstance::getProcessInstanceKey)
        .containsExactlyInAnyOrder(keys.get(0), keys.get(2), keys.get(4));

    // two pages of two by cursor, newest first, then the page before the second one
    var first = client.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId(id))
        .sort(s -> s.startDate().desc()).page(p -> p.limit(2)).send().join();
    var second = client.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId(id))
        .sort(s -> s.startDate().desc()).page(p -> p.limit(2).after(first.page().endCursor())).send().join();
    var back = client.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId(id))
        .sort(s -> s.startDate().desc()).page(p -> p.limit(2).before(second.page().startCursor())).send().join();
    assertThat(first.page().totalItems()).isEqualTo(5);
    assertThat(first.items()).extracting(ProcessInstance::getProcessInstanceKey)
        .containsExactly(keys.get(4), keys.get(3));
    assertThat(second.items()).extracting(ProcessInstance::getProcessInstanceKey)
        .containsExactly(keys.get(2), keys.get(1));
    assertThat(back.items()).extracting(ProcessInstance::getProcessInstanceKey)
        .containsExactly(keys.get(4), keys.get(3));
  }

  @OverBothTransports
  void elementInstancesVariablesIncidentsAndThePathOfACase(Transport transport) {
    CamundaClient client = client(transport);
    String id = uniqueId("history-path", transport);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent("start")
        .exclusiveGateway("eligible").defaultFlow()
        .scriptTask("check", s -> s.zeebeExpression("assert(score, score != null)").zeebeResultVariable("checked"))
        .endEvent("end")
        .moveToNode("eligible").conditionExpression("= false").endEvent("refused")
        .done());
    long instance = startInstance(client, id, Map.of("person", Map.of("name", "李四")));
    awaitOpenIncident(instance);

    var elements = eventually(() -> client.newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(instance)).sort(s -> s.startDate().asc()).send().join(),
        r -> r.items().size() == 4);
    assertThat(elements.items()).extracting(ElementInstance::getElementId)
        .containsExactly(id, "start", "eligible", "check");
    ElementInstance check = elements.items().get(3);
    assertThat(check.getState()).isEqualTo(ElementInstanceState.ACTIVE);
    assertThat(check.getIncident()).isTrue();

    var incidents = eventually(() -> client.newIncidentSearchRequest()
        .filter(f -> f.processInstanceKey(instance)).send().join(), r -> r.items().size() == 1);
    assertThat(incidents.items().get(0).getElementId()).isEqualTo("check");
    assertThat(client.newIncidentGetRequest(incidents.items().get(0).getIncidentKey()).send().join().getErrorType())
        .hasToString("EXTRACT_VALUE_ERROR");

    var variables = client.newVariableSearchRequest().filter(f -> f.processInstanceKey(instance).name("person"))
        .send().join();
    assertThat(variables.items()).hasSize(1);
    assertThat(variables.items().get(0).getValue()).contains("李四");

    var flows = client.newProcessInstanceSequenceFlowsRequest(instance).send().join();
    assertThat(flows).hasSize(2);

    var definitions = client.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId(id)).send().join();
    assertThat(definitions.items()).hasSize(1);
    String xml = client.newProcessDefinitionGetXmlRequest(definitions.items().get(0).getProcessDefinitionKey())
        .send().join();
    assertThat(xml).contains(id).contains("assert(score");
  }

  @Test
  void jobsAndMessageSubscriptionsAreSearchable() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("history-jobs", Transport.REST);
    String type = uniqueId("history-job-type", Transport.REST);
    String message = uniqueId("history-message", Transport.REST);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("work", t -> t.zeebeJobType(type))
        .intermediateCatchEvent("reply").message(m -> m.name(message).zeebeCorrelationKeyExpression("caseNo"))
        .endEvent().done());
    long instance = startInstance(client, id, Map.of("caseNo", "J-1"));
    var job = activateOne(client, type);
    client.newFailCommand(job).retries(2).errorMessage("police system down").send().join();
    var jobs = eventually(() -> client.newJobSearchRequest().filter(f -> f.type(type)).send().join(),
        r -> r.items().size() == 1 && "police system down".equals(r.items().get(0).getErrorMessage()));
    assertThat(jobs.items().get(0).getRetries()).isEqualTo(2);
    client.newCompleteCommand(activateOne(client, type)).send().join();
    var subscriptions = eventually(() -> client.newMessageSubscriptionSearchRequest()
        .filter(f -> f.processInstanceKey(instance)).send().join(), r -> r.items().size() == 1);
    assertThat(subscriptions.items().get(0).getMessageName()).isEqualTo(message);
    assertThat(subscriptions.items().get(0).getCorrelationKey()).isEqualTo("J-1");
  }

  @Test
  void decisionInstancesShowInputsAndMatchedRules() throws Exception {
    CamundaClient client = client(Transport.REST);
    String prefix = uniqueId("history-dmn", Transport.REST);
    String dmn = reliefAidDmn(prefix);
    String id = prefix + "-process";
    client.newDeployResourceCommand()
        .addResourceBytes(dmn.getBytes(java.nio.charset.StandardCharsets.UTF_8), prefix + ".dmn")
        .addProcessModel(Bpmn.createExecutableProcess(id).startEvent()
            .businessRuleTask("decide", t -> t.zeebeCalledDecisionId(prefix + "-aid-level").zeebeResultVariable("aid"))
            .endEvent().done(), id + ".bpmn")
        .send().join();
    long instance = startInstance(client, id, Map.of("damage", "destroyed", "householdSize", 2));
    var found = eventually(() -> client.newDecisionInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(instance)).send().join(), r -> r.items().size() == 1);
    var decision = found.items().get(0);
    assertThat(decision.getDecisionDefinitionId()).isEqualTo(prefix + "-aid-level");
    var detail = client.newDecisionInstanceGetRequest(decision.getDecisionInstanceId()).send().join();
    assertThat(detail.getEvaluatedInputs()).extracting(i -> i.getInputValue()).contains("\"destroyed\"", "2");
    assertThat(detail.getMatchedRules()).hasSize(1);
    assertThat(detail.getMatchedRules().get(0).getRuleId()).isEqualTo("rule-destroyed-small");

    var definitions = client.newDecisionDefinitionSearchRequest()
        .filter(f -> f.decisionDefinitionId(prefix + "-aid-level")).send().join();
    assertThat(definitions.items()).hasSize(1);
    String xml = client.newDecisionDefinitionGetXmlRequest(definitions.items().get(0).getDecisionKey()).send().join();
    assertThat(xml).contains(prefix + "-aid-level");
  }

  @Test
  void statisticsCallHierarchyAndCorrelatedMessages() {
    CamundaClient client = client(Transport.REST);
    String child = uniqueId("history-child", Transport.REST);
    String parent = uniqueId("history-parent", Transport.REST);
    String message = uniqueId("history-correlated", Transport.REST);
    deploy(client, Bpmn.createExecutableProcess(child).name("家庭寻亲").startEvent()
        .intermediateCatchEvent("reply").message(m -> m.name(message).zeebeCorrelationKeyExpression("caseNo"))
        .endEvent().done());
    deploy(client, Bpmn.createExecutableProcess(parent).name("救助案件").startEvent()
        .callActivity("tracing", c -> c.zeebeProcessId(child)).endEvent().done());
    long first = startInstance(client, parent, Map.of("caseNo", "S-1"));
    long second = startInstance(client, parent, Map.of("caseNo", "S-2"));
    client.newPublishMessageCommand().messageName(message).correlationKey("S-1").send().join();
    awaitInstanceState(first, "COMPLETED");
    long secondChild = eventually(() -> client.newProcessInstanceSearchRequest()
            .filter(f -> f.parentProcessInstanceKey(second)).send().join(), r -> r.items().size() == 1)
        .items().get(0).getProcessInstanceKey();

    var hierarchy = client.newProcessInstanceGetCallHierarchyRequest(secondChild).send().join();
    assertThat(hierarchy).extracting(e -> e.getProcessInstanceKey())
        .containsExactly(second, secondChild);
    assertThat(hierarchy.get(0).getProcessDefinitionName()).isEqualTo("救助案件");

    long definitionKey = client.newProcessInstanceGetRequest(second).send().join().getProcessDefinitionKey();
    var statistics = eventually(() -> client.newProcessDefinitionElementStatisticsRequest(definitionKey).send().join(),
        list -> list.stream().anyMatch(s -> "tracing".equals(s.getElementId()) && s.getActive() == 1
            && s.getCompleted() == 1));
    assertThat(statistics).anyMatch(s -> "tracing".equals(s.getElementId()));
    var childStatistics = client.newProcessInstanceElementStatisticsRequest(secondChild).send().join();
    assertThat(childStatistics).anyMatch(s -> "reply".equals(s.getElementId()) && s.getActive() == 1);

    var correlated = eventually(() -> client.newCorrelatedMessageSubscriptionSearchRequest()
        .filter(f -> f.messageName(message)).send().join(), r -> r.items().size() == 1);
    assertThat(correlated.items().get(0).getCorrelationKey()).isEqualTo("S-1");
  }

  @Test
  void badSearchesAreRefusedWithTheReason() {
    CamundaClient client = client(Transport.REST);
    assertRejected(Transport.REST, () -> client.newProcessInstanceSearchRequest()
            .page(p -> p.after("not-a-cursor")).send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "cursor");
    assertRejected(Transport.REST, () -> client.newProcessInstanceGetRequest(123456789L).send().join(),
        Status.Code.NOT_FOUND, 404, "123456789");
  }
}
