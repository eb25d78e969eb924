package cn.relief.app.cases;

import cn.relief.app.security.EngineUser;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.UserTask;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Everything the case page shows, as the user may see it: the person, the open tasks and active
 * steps, the deadlines, the documents the workers made, the linkages and escalations.
 */
@Component
class CaseDetails {
  /** The person's facts, in the order the page lists them. */
  static final List<String> PERSON = List.of("fullName", "gender", "age", "idNumber", "phone", "hukouAddress",
      "province", "intakeChannel", "cause", "discoveryLocation", "shelterLocation");
  /** Root variables that are deadlines of the case itself (care's stay limit, its extension). */
  static final List<String> CASE_DEADLINES = List.of("stayLimit", "extensionUntil");
  /** Element kinds that are no step a person would name: the flow between the steps. */
  private static final Set<ElementInstanceType> NOT_STEPS = Set.of(ElementInstanceType.PROCESS,
      ElementInstanceType.SEQUENCE_FLOW, ElementInstanceType.UNSPECIFIED, ElementInstanceType.UNKNOWN_ENUM_VALUE);

  private final CaseFiles cases;
  private final PersonalData personalData;
  private final OptionLabels optionLabels;
  private final ProcessNames processNames;

  CaseDetails(CaseFiles cases, PersonalData personalData, OptionLabels optionLabels, ProcessNames processNames) {
    this.cases = cases;
    this.personalData = personalData;
    this.optionLabels = optionLabels;
    this.processNames = processNames;
  }

  record Task(long key, String name, String processName, OffsetDateTime due, String assignee) {}

  record Step(String name, String processName, OffsetDateTime since) {}

  record Document(String variable, String documentId) {}

  record Linked(long key, String processId, String processName, String state, OffsetDateTime start,
      OffsetDateTime end, Object outcome) {}

  record View(CaseFile caseFile, Map<String, Object> person, Map<String, Object> deadlines, List<Task> tasks,
      List<Step> steps, List<Document> documents, List<Linked> linkages, List<Linked> escalations) {}

  View of(CamundaClient client, EngineUser user, CaseFile caseFile) {
    Map<String, Object> visible = personalData.visibleTo(user, caseFile.scope(), caseFile.variables());
    Map<String, Object> person = pick(visible, PERSON);
    person.replaceAll(optionLabels::label);
    Map<String, Object> deadlines = pick(visible, CASE_DEADLINES);

    List<ProcessInstance> linkageInstances =
        cases.linkedInstances(client, caseFile.caseNumber(), CaseFiles.LINKAGE_PROCESSES);
    List<ProcessInstance> escalationInstances =
        cases.linkedInstances(client, caseFile.caseNumber(), List.of(CaseFiles.ESCALATION_PROCESS));
    // the case's own instance, those it called, and those its number joined, with theirs
    List<Long> instances = new ArrayList<>();
    instances.add(caseFile.instanceKey());
    cases.calledInstances(client, caseFile.instanceKey()).forEach(i -> instances.add(i.getProcessInstanceKey()));
    for (ProcessInstance joined : concat(linkageInstances, escalationInstances)) {
      instances.add(joined.getProcessInstanceKey());
      cases.calledInstances(client, joined.getProcessInstanceKey()).forEach(i -> instances.add(i.getProcessInstanceKey()));
    }

    List<Task> tasks = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    List<Document> documents = new ArrayList<>();
    for (long instance : instances) {
      for (UserTask task : client.newUserTaskSearchRequest()
          .filter(f -> f.processInstanceKey(instance).state(UserTaskState.CREATED)).send().join().items()) {
        tasks.add(new Task(task.getUserTaskKey(), task.getName(),
            processNames.of(client, task.getProcessDefinitionKey(), task.getBpmnProcessId()), task.getDueDate(),
            task.getAssignee()));
      }
      for (ElementInstance element : client.newElementInstanceSearchRequest()
          .filter(f -> f.processInstanceKey(instance).state(ElementInstanceState.ACTIVE))
          .page(p -> p.limit(100)).send().join().items()) {
        if (!NOT_STEPS.contains(element.getType()) && element.getType() != ElementInstanceType.USER_TASK) {
          steps.add(new Step(element.getElementName() == null ? element.getElementId() : element.getElementName(),
              processNames.of(client, element.getProcessDefinitionKey(), element.getProcessDefinitionId()),
              element.getStartDate()));
        }
      }
      Map<String, Object> variables = instance == caseFile.instanceKey() ? visible
          : personalData.visibleTo(user, caseFile.scope(), cases.allVariables(client, instance));
      variables.forEach((name, value) -> {
        if (name.endsWith("DocumentId") && value instanceof String id && !PersonalData.HIDDEN.equals(id)) {
          documents.add(new Document(name, id));
        }
      });
    }
    tasks.sort(Comparator.comparing(Task::due, Comparator.nullsLast(Comparator.naturalOrder())));
    return new View(caseFile, person, deadlines, tasks, steps, documents.stream().distinct().toList(),
        linked(client, linkageInstances, "outcome"), linked(client, escalationInstances, "escalationOutcome"));
  }

  /** Whether the document is one of the case's, as this user may see them (download checks this). */
  boolean hasDocument(View view, String documentId) {
    return view.documents().stream().anyMatch(d -> d.documentId().equals(documentId));
  }

  private List<Linked> linked(CamundaClient client, List<ProcessInstance> instances, String outcomeVariable) {
    List<Linked> linked = new ArrayList<>();
    for (ProcessInstance instance : instances) {
      Object outcome = cases.variables(client, instance.getProcessInstanceKey()).get(outcomeVariable);
      linked.add(new Linked(instance.getProcessInstanceKey(), instance.getProcessDefinitionId(),
          instance.getProcessDefinitionName(), instance.getState() == null ? null : instance.getState().name(),
          instance.getStartDate(), instance.getEndDate(), outcome));
    }
    return linked;
  }

  private static Map<String, Object> pick(Map<String, Object> variables, List<String> names) {
    Map<String, Object> picked = new LinkedHashMap<>();
    for (String name : names) {
      if (variables.get(name) != null) {
        picked.put(name, variables.get(name));
      }
    }
    return picked;
  }

  private static List<ProcessInstance> concat(List<ProcessInstance> a, List<ProcessInstance> b) {
    List<ProcessInstance> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
