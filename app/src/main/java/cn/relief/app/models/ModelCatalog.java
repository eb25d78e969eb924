package cn.relief.app.models;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.DecisionDefinition;
import io.camunda.client.api.search.response.ProcessDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.springframework.stereotype.Component;

/**
 * The deployed processes and decisions with their versions, and how many running cases each
 * process version has, read through the user's own client (so the list shows what the engine lets
 * the user read).
 */
@Component
class ModelCatalog {
  /** Enough for every version of every relief model; a search page is at most this long. */
  private static final int PAGE = 1000;

  record ProcessVersion(long key, int version, String resourceName, long activeCases) {}

  record ProcessModel(String processId, String name, List<ProcessVersion> versions) {
    public ProcessVersion latest() {
      return versions.get(0);
    }

    public long activeCases() {
      return versions.stream().mapToLong(ProcessVersion::activeCases).sum();
    }
  }

  record DecisionVersion(long key, int version, String requirementsId) {}

  record DecisionModel(String decisionId, String name, List<DecisionVersion> versions) {
    public DecisionVersion latest() {
      return versions.get(0);
    }
  }

  List<ProcessModel> processes(CamundaClient client) {
    List<ProcessDefinition> definitions = client.newProcessDefinitionSearchRequest()
        .page(p -> p.limit(PAGE)).send().join().items();
    return byId(definitions, ProcessDefinition::getProcessDefinitionId, ProcessDefinition::getVersion).values().stream()
        .map(versions -> processModel(client, versions)).toList();
  }

  Optional<ProcessModel> process(CamundaClient client, String processId) {
    List<ProcessDefinition> versions = client.newProcessDefinitionSearchRequest()
        .filter(f -> f.processDefinitionId(processId)).page(p -> p.limit(PAGE)).send().join().items();
    return byId(versions, ProcessDefinition::getProcessDefinitionId, ProcessDefinition::getVersion).values().stream()
        .findFirst().map(sorted -> processModel(client, sorted));
  }

  /** {@code versions}: one process's definitions, newest first. */
  private ProcessModel processModel(CamundaClient client, List<ProcessDefinition> versions) {
    return new ProcessModel(versions.get(0).getProcessDefinitionId(), versions.get(0).getName(), versions.stream()
        .map(d -> new ProcessVersion(d.getProcessDefinitionKey(), d.getVersion(), d.getResourceName(),
            activeCases(client, d.getProcessDefinitionKey())))
        .toList());
  }

  /** The definitions grouped by id (ids in order), each group newest version first. */
  private static <T> Map<String, List<T>> byId(List<T> definitions, Function<T, String> id,
      ToIntFunction<T> version) {
    Map<String, List<T>> byId = new LinkedHashMap<>();
    definitions.stream().sorted(Comparator.comparing(id).thenComparing(Comparator.comparingInt(version).reversed()))
        .forEach(d -> byId.computeIfAbsent(id.apply(d), key -> new ArrayList<>()).add(d));
    return byId;
  }

  /** The running cases of one process version: the search's total, not a page of them. */
  long activeCases(CamundaClient client, long processDefinitionKey) {
    var page = client.newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionKey(processDefinitionKey).state(ProcessInstanceState.ACTIVE))
        .page(p -> p.limit(1)).send().join().page();
    return page.totalItems() == null ? 0 : page.totalItems();
  }

  List<DecisionModel> decisions(CamundaClient client) {
    List<DecisionDefinition> definitions = client.newDecisionDefinitionSearchRequest()
        .page(p -> p.limit(PAGE)).send().join().items();
    return byId(definitions, DecisionDefinition::getDmnDecisionId, DecisionDefinition::getVersion).values().stream()
        .map(versions -> new DecisionModel(versions.get(0).getDmnDecisionId(), versions.get(0).getDmnDecisionName(),
            versions.stream().map(d -> new DecisionVersion(d.getDecisionKey(), d.getVersion(),
                d.getDmnDecisionRequirementsId())).toList()))
        .toList();
  }

  String processXml(CamundaClient client, long processDefinitionKey) {
    return client.newProcessDefinitionGetXmlRequest(processDefinitionKey).send().join();
  }

  /** The DMN resource (the whole decision requirements graph) a decision was deployed in. */
  String decisionXml(CamundaClient client, long decisionDefinitionKey) {
    return client.newDecisionDefinitionGetXmlRequest(decisionDefinitionKey).send().join();
  }

  /** The key of a process's version, if deployed. */
  Optional<ProcessVersion> version(CamundaClient client, String processId, int version) {
    return client.newProcessDefinitionSearchRequest()
        .filter(f -> f.processDefinitionId(processId).version(version)).send().join().items().stream().findFirst()
        .map(d -> new ProcessVersion(d.getProcessDefinitionKey(), d.getVersion(), d.getResourceName(), 0));
  }
}
