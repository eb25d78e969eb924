package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.filter.DecisionDefinitionFilter;
import io.camunda.client.api.search.filter.DecisionInstanceFilter;
import io.camunda.client.api.search.response.DecisionDefinition;
import io.camunda.client.api.search.response.DecisionDefinitionType;
import io.camunda.client.api.search.response.DecisionInstance;
import io.camunda.client.api.search.response.DecisionInstanceState;
import io.camunda.client.api.search.response.DecisionRequirements;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Decision definitions, requirements graphs and decision instances as the client's search and get
 * requests see them, by every filter and sort the client offers.
 */
class DecisionHistorySearchIT extends ClientTestSupport {

  private static String deployDecisions(CamundaClient client, String prefix) {
    client.newDeployResourceCommand().addResourceBytes(reliefAidDmn(prefix).getBytes(StandardCharsets.UTF_8),
        prefix + ".dmn").send().join();
    return prefix + "-relief-aid";
  }

  @Test
  void decisionDefinitionsAndRequirementsByEveryFilterSortedAndPaged() {
    CamundaClient client = client(Transport.REST);
    String prefix = uniqueId("search-dmn", Transport.REST);
    String graph = deployDecisions(client, prefix);

    List<DecisionDefinition> all = eventually(() -> client.newDecisionDefinitionSearchRequest()
        .filter(f -> f.decisionRequirementsId(graph)).sort(s -> s.decisionDefinitionId().asc()).send().join()
        .items(), found -> found.size() == 5);
    assertThat(all).extracting(DecisionDefinition::getDmnDecisionId).containsExactly(prefix + "-aid-level",
        prefix + "-first-contact", prefix + "-payout", prefix + "-strict", prefix + "-supplies");
    DecisionDefinition payout = all.get(2);
    assertThat(payout.getDmnDecisionName()).isEqualTo("Payout");
    assertThat(payout.getVersion()).isEqualTo(1);
    assertThat(payout.getDmnDecisionRequirementsId()).isEqualTo(graph);
    assertThat(payout.getTenantId()).isEqualTo("<default>");
    long graphKey = payout.getDecisionRequirementsKey();
    DecisionDefinition fetched = client.newDecisionDefinitionGetRequest(payout.getDecisionKey()).send().join();
    assertThat(fetched.getDmnDecisionId()).isEqualTo(prefix + "-payout");
    assertThat(client.newDecisionDefinitionGetXmlRequest(payout.getDecisionKey()).send().join())
        .contains("aidLevel.amount * 2");

    assertThat(definitions(client, f -> f.decisionDefinitionKey(payout.getDecisionKey())
        .decisionDefinitionId(prefix + "-payout").name("Payout").version(1).decisionRequirementsId(graph)
        .decisionRequirementsKey(graphKey).tenantId("<default>"))).containsExactly("Payout");
    assertThat(definitions(client, f -> f.decisionRequirementsKey(graphKey).version(2))).isEmpty();

    var byName = client.newDecisionDefinitionSearchRequest().filter(f -> f.decisionRequirementsKey(graphKey))
        .sort(s -> s.name().desc()).page(p -> p.limit(2)).send().join();
    var next = client.newDecisionDefinitionSearchRequest().filter(f -> f.decisionRequirementsKey(graphKey))
        .sort(s -> s.name().desc()).page(p -> p.limit(2).after(byName.page().endCursor())).send().join();
    var previous = client.newDecisionDefinitionSearchRequest().filter(f -> f.decisionRequirementsKey(graphKey))
        .sort(s -> s.name().desc()).page(p -> p.limit(2).before(next.page().startCursor())).send().join();
    assertThat(byName.page().totalItems()).isEqualTo(5);
    assertThat(byName.items()).extracting(DecisionDefinition::getDmnDecisionName)
        .containsExactly("Supplies", "Strict score");
    assertThat(next.items()).extracting(DecisionDefinition::getDmnDecisionName)
        .containsExactly("Payout", "First contact");
    assertThat(previous.items()).extracting(DecisionDefinition::getDmnDecisionName)
        .containsExactly("Supplies", "Strict score");
    assertThat(client.newDecisionDefinitionSearchRequest().filter(f -> f.decisionRequirementsKey(graphKey))
        .sort(s -> s.version().asc().decisionRequirementsId().asc().decisionRequirementsKey().asc().tenantId().asc()
            .decisionDefinitionKey().desc())
        .page(p -> p.from(4)).send().join().items()).extracting(DecisionDefinition::getDecisionKey)
        .containsExactly(all.stream().mapToLong(DecisionDefinition::getDecisionKey).min().orElseThrow());

    // the requirements graph
    DecisionRequirements requirements = client.newDecisionRequirementsSearchRequest()
        .filter(f -> f.decisionRequirementsKey(graphKey).decisionRequirementsName("Relief aid").version(1)
            .decisionRequirementsId(graph).tenantId("<default>").resourceName(prefix + ".dmn"))
        .sort(s -> s.decisionRequirementsName().asc().version().desc().decisionRequirementsId().asc()
            .decisionRequirementsKey().asc().tenantId().asc())
        .page(p -> p.limit(1)).send().join().singleItem();
    assertThat(requirements.getDmnDecisionRequirementsId()).isEqualTo(graph);
    assertThat(requirements.getDmnDecisionRequirementsName()).isEqualTo("Relief aid");
    assertThat(requirements.getResourceName()).isEqualTo(prefix + ".dmn");
    assertThat(client.newDecisionRequirementsGetRequest(graphKey).send().join().getDecisionRequirementsKey())
        .isEqualTo(graphKey);
    assertThat(client.newDecisionRequirementsGetXmlRequest(graphKey).send().join()).contains("id=\"" + graph + "\"");
    assertThat(client.newDecisionRequirementsSearchRequest().filter(f -> f.decisionRequirementsId(graph).version(2))
        .send().join().items()).isEmpty();
  }

  private static List<String> definitions(CamundaClient client, Consumer<DecisionDefinitionFilter> filter) {
    return client.newDecisionDefinitionSearchRequest().filter(filter).send().join().items().stream()
        .map(DecisionDefinition::getDmnDecisionName).toList();
  }

  @Test
  void decisionInstancesByEveryFilterSortedAndPaged() {
    CamundaClient client = client(Transport.REST);
    String prefix = uniqueId("search-dmn-instances", Transport.REST);
    deployDecisions(client, prefix);
    String processId = prefix + "-process";
    long processDefinitionKey = deploy(client, Bpmn.createExecutableProcess(processId).startEvent()
        .businessRuleTask("decide", t -> t.zeebeCalledDecisionId(prefix + "-first-contact").zeebeResultVariable("at"))
        .endEvent().done()).getProcessDefinitionKey();

    // one evaluation of two decisions (payout requires the aid level), one failing, one from a process
    long payoutEvaluation = client.newEvaluateDecisionCommand().decisionId(prefix + "-payout")
        .variables(Map.of("damage", "destroyed", "householdSize", 2)).send().join().getDecisionEvaluationKey();
    long failedEvaluation = client.newEvaluateDecisionCommand().decisionId(prefix + "-strict")
        .variables(Map.of("score", 15)).send().join().getDecisionEvaluationKey();
    long instance = startInstance(client, processId, Map.of("region", "north"));

    List<DecisionInstance> all = eventually(() -> instances(client, f -> f.decisionInstanceKey(payoutEvaluation)),
        found -> found.size() == 2);
    assertThat(all).extracting(DecisionInstance::getDecisionDefinitionId)
        .containsExactlyInAnyOrder(prefix + "-aid-level", prefix + "-payout");
    DecisionInstance payout = all.stream().filter(d -> d.getDecisionDefinitionId().endsWith("-payout"))
        .findFirst().orElseThrow();
    assertThat(payout.getDecisionDefinitionType()).isEqualTo(DecisionDefinitionType.LITERAL_EXPRESSION);
    assertThat(payout.getState()).isEqualTo(DecisionInstanceState.EVALUATED);
    assertThat(payout.getResult()).isEqualTo("6000");
    assertThat(payout.getDecisionDefinitionName()).isEqualTo("Payout");
    assertThat(payout.getDecisionDefinitionVersion()).isEqualTo(1);
    assertThat(payout.getDecisionInstanceKey()).isEqualTo(payoutEvaluation);
    assertThat(payout.getProcessInstanceKey()).isEqualTo(-1L); // evaluated outside a process
    assertThat(payout.getElementInstanceKey()).isEqualTo(-1L);
    var detail = client.newDecisionInstanceGetRequest(payout.getDecisionInstanceId()).send().join();
    assertThat(detail.getDecisionDefinitionKey()).isEqualTo(payout.getDecisionDefinitionKey());
    assertThat(detail.getResult()).isEqualTo("6000");

    DecisionInstance failed = eventually(() -> client.newDecisionInstanceSearchRequest()
        .filter(f -> f.decisionInstanceKey(failedEvaluation)).send().join().items(), found -> found.size() == 1)
        .get(0);
    assertThat(failed.getState()).isEqualTo(DecisionInstanceState.FAILED);
    assertThat(failed.getEvaluationFailure()).isNotBlank();
    DecisionInstance fromProcess = eventually(() -> client.newDecisionInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(instance)).send().join().items(), found -> found.size() == 1).get(0);
    assertThat(fromProcess.getProcessDefinitionKey()).isEqualTo(processDefinitionKey);
    assertThat(fromProcess.getElementInstanceKey()).isNotNull();

    // every filter
    assertThat(ids(instances(client, f -> f.decisionInstanceId(payout.getDecisionInstanceId())
        .decisionInstanceKey(payoutEvaluation).state(DecisionInstanceState.EVALUATED)
        .evaluationDate(d -> d.lte(payout.getEvaluationDate())).decisionDefinitionKey(k -> k.in(
            payout.getDecisionDefinitionKey())).decisionDefinitionId(prefix + "-payout")
        .decisionDefinitionName("Payout").decisionDefinitionVersion(1)
        .decisionDefinitionType(DecisionDefinitionType.LITERAL_EXPRESSION).tenantId("<default>"))))
        .containsExactly(payout.getDecisionInstanceId());
    assertThat(ids(instances(client, f -> f.state(DecisionInstanceState.FAILED)
        .evaluationFailure(failed.getEvaluationFailure()).decisionDefinitionId(prefix + "-strict"))))
        .containsExactly(failed.getDecisionInstanceId());
    assertThat(ids(instances(client, f -> f.processDefinitionKey(processDefinitionKey).processInstanceKey(instance)
        .elementInstanceKey(fromProcess.getElementInstanceKey())
        .decisionDefinitionType(DecisionDefinitionType.DECISION_TABLE))))
        .containsExactly(fromProcess.getDecisionInstanceId());
    assertThat(instances(client, f -> f.decisionInstanceKey(payoutEvaluation)
        .evaluationDate(d -> d.gt(payout.getEvaluationDate())))).isEmpty();

    // the client's decisionInstanceKey()/decisionInstanceId() sorts arrive as "unknown_default_open_api":
    // both mean the evaluation (then the instance within it), newest first here
    List<Long> definitionKeys = List.of(payout.getDecisionDefinitionKey(), failed.getDecisionDefinitionKey(),
        fromProcess.getDecisionDefinitionKey(), all.get(0).getDecisionDefinitionKey());
    var newest = client.newDecisionInstanceSearchRequest().filter(f -> f.decisionDefinitionKey(k -> k.in(
        definitionKeys))).sort(s -> s.decisionInstanceKey().desc()).page(p -> p.limit(2)).send().join();
    var older = client.newDecisionInstanceSearchRequest().filter(f -> f.decisionDefinitionKey(k -> k.in(
            definitionKeys))).sort(s -> s.decisionInstanceId().desc())
        .page(p -> p.limit(2).after(newest.page().endCursor())).send().join();
    assertThat(newest.page().totalItems()).isEqualTo(4);
    assertThat(ids(newest.items())).containsExactly(fromProcess.getDecisionInstanceId(),
        failed.getDecisionInstanceId());
    assertThat(older.items()).extracting(DecisionInstance::getDecisionDefinitionId)
        .containsExactly(prefix + "-aid-level", prefix + "-payout");

    var byType = client.newDecisionInstanceSearchRequest().filter(f -> f.decisionDefinitionId(prefix + "-payout"))
        .sort(s -> s.decisionDefinitionType().asc().decisionDefinitionName().asc().decisionDefinitionVersion().asc()
            .decisionDefinitionId().asc().decisionDefinitionKey().asc().evaluationDate().desc().evaluationFailure()
            .asc().state().asc().processDefinitionKey().asc().processInstanceKey().asc().elementInstanceKey().asc()
            .tenantId().asc())
        .send().join();
    assertThat(ids(byType.items())).containsExactly(payout.getDecisionInstanceId());
    var two = client.newDecisionInstanceSearchRequest().filter(f -> f.decisionInstanceKey(payoutEvaluation))
        .sort(s -> s.decisionDefinitionType().desc()).page(p -> p.limit(1)).send().join();
    var rest = client.newDecisionInstanceSearchRequest().filter(f -> f.decisionInstanceKey(payoutEvaluation))
        .sort(s -> s.decisionDefinitionType().desc()).page(p -> p.limit(1).after(two.page().endCursor())).send().join();
    assertThat(two.items()).extracting(DecisionInstance::getDecisionDefinitionId).containsExactly(prefix + "-payout");
    assertThat(rest.items()).extracting(DecisionInstance::getDecisionDefinitionId)
        .containsExactly(prefix + "-aid-level");
  }

  private static List<DecisionInstance> instances(CamundaClient client, Consumer<DecisionInstanceFilter> filter) {
    return client.newDecisionInstanceSearchRequest().filter(filter).send().join().items();
  }

  private static List<String> ids(List<DecisionInstance> instances) {
    return instances.stream().map(DecisionInstance::getDecisionInstanceId).toList();
  }
}
