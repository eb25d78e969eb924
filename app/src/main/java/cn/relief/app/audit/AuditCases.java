package cn.relief.app.audit;

import cn.relief.app.web.Times;
import cn.relief.app.cases.CaseAccess;
import cn.relief.app.cases.CaseScope;
import cn.relief.app.cases.PersonalData;
import cn.relief.app.security.EngineUser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.filter.VariableValueFilter;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.UserTask;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Reads cases for auditors, as the logged-in user through that user's own client (so the engine's
 * read permissions apply), and assembles their history. A minimal lookup of its own: the case
 * pages' {@code CaseFiles} service may replace the finding part later.
 */
@Component
class AuditCases {
  static final String RELIEF_CASE = "relief-case";
  static final String ESCALATION = "regional-escalation";
  static final int LIST_LIMIT = 50;
  private static final int LIMIT = 10_000;
  private static final int RELATED_LIMIT = 200;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(AuditCases.class);

  private final CaseAccess access;
  private final PersonalData personalData;
  private final AuditTrailClient trail;
  AuditCases(CaseAccess access, PersonalData personalData, AuditTrailClient trail) {
    this.access = access;
    this.personalData = personalData;
    this.trail = trail;
  }

  /** The relief cases that match, newest first, at most {@value #LIST_LIMIT}. */
  List<CaseSummary> find(EngineUser user, CamundaClient client, CaseQuery query) {
    List<ProcessInstance> found = client.newProcessInstanceSearchRequest()
        .filter(f -> {
          f.processDefinitionId(RELIEF_CASE);
          if (query.state() != null) {
            f.state(ProcessInstanceState.valueOf(query.state()));
          }
          if (query.from() != null || query.to() != null) {
            f.startDate(d -> {
              if (query.from() != null) {
                d.gte(startOfDay(query.from()));
              }
              if (query.to() != null) {
                d.lt(startOfDay(query.to().plusDays(1)));
              }
            });
          }
          List<Consumer<VariableValueFilter>> variables = new ArrayList<>();
          if (query.caseNumber() != null) {
            variables.add(v -> v.name("caseNumber").value(p -> p.like("*" + likeText(query.caseNumber()) + "*")));
          }
          if (query.name() != null) {
            variables.add(v -> v.name("fullName").value(p -> p.like("*" + likeText(query.name()) + "*")));
          }
          if (!variables.isEmpty()) {
            f.variables(variables);
          }
        })
        .sort(s -> s.startDate().desc()).page(p -> p.limit(LIST_LIMIT)).send().join().items();
    List<CaseSummary> cases = new ArrayList<>();
    for (ProcessInstance instance : found) {
      Map<String, Object> variables = variables(client, instance.getProcessInstanceKey());
      CaseScope scope = access.scope(text(variables.get("stationId")), false);
      Map<String, Object> visible = personalData.visibleTo(user, scope, variables);
      // a name the viewer may not see was not found for them: listing the case would tell them
      // that a minor of that name is in care, and where
      if (query.name() != null && PersonalData.HIDDEN.equals(visible.get("fullName"))) {
        continue;
      }
      cases.add(summary(instance, visible));
    }
    return cases;
  }

  /** The instances of other processes that carry a case number like the one searched (linkages, escalations). */
  List<CaseSummary> relatedTo(EngineUser user, CamundaClient client, String caseNumber) {
    List<CaseSummary> related = new ArrayList<>();
    for (ProcessInstance instance : client.newProcessInstanceSearchRequest()
        .filter(f -> f.variables(List.of(v -> v.name("caseNumber").value(p -> p.like("*" + likeText(caseNumber) + "*")))))
        .sort(s -> s.startDate().desc()).page(p -> p.limit(LIST_LIMIT)).send().join().items()) {
      if (!RELIEF_CASE.equals(instance.getProcessDefinitionId())) {
        Map<String, Object> variables = variables(client, instance.getProcessInstanceKey());
        CaseScope scope = access.scope(text(variables.get("stationId")), true);
        related.add(summary(instance, personalData.visibleTo(user, scope, variables)));
      }
    }
    return related;
  }

  /** The process diagram of the instance (after the same access check as its page). */
  String diagram(EngineUser user, CamundaClient client, long processInstanceKey) {
    ProcessInstance instance = instance(client, processInstanceKey);
    Map<String, Object> variables = variables(client, processInstanceKey);
    access.checkRead(user, scope(client, instance, variables, relatedInstances(client, instance, variables)));
    return client.newProcessDefinitionGetXmlRequest(instance.getProcessDefinitionKey()).send().join();
  }

  /** The case file of the instance; 404 when there is none, 403 when the user may not read it. */
  CaseFile caseFile(EngineUser user, CamundaClient client, long processInstanceKey) {
    ProcessInstance instance = instance(client, processInstanceKey);
    Map<String, Object> variables = variables(client, processInstanceKey);
    List<ProcessInstance> related = relatedInstances(client, instance, variables);
    CaseScope scope = scope(client, instance, variables, related);
    access.checkRead(user, scope);

    List<ProcessInstance> all = new ArrayList<>();
    all.add(instance);
    all.addAll(related);
    Origins origins = new Origins();
    List<TimelineStep> steps = new ArrayList<>();
    Set<String> openIncidents = new TreeSet<>();
    for (ProcessInstance each : all) {
      collect(client, each, origins, steps, each == instance ? openIncidents : new TreeSet<>());
    }
    TrailAnswer<List<AuditEntry>> entries = trail.entriesFor(client, origins.keys());
    List<AuditEntry> trailEntries = entries.available() ? entries.value() : List.of();

    List<TimelineStep> timeline = Timeline.build(steps, trailEntries, origins);
    List<TimelineStep> ownSteps = timeline.stream()
        .filter(step -> step.processInstanceKey() == processInstanceKey).toList();
    DiagramMarkers markers = DiagramMarkers.of(instance.getProcessDefinitionId(), ownSteps, openIncidents,
        sequenceFlows(client, processInstanceKey));
    UnaryOperator<Map<String, Object>> visible = new MaskedForViewer(personalData, user, scope, variables);
    Map<String, Object> shown = personalData.visibleTo(user, scope, variables);
    Map<String, String> shownText = new TreeMap<>();
    shown.forEach((name, value) -> shownText.put(name, VariableHistory.text(value)));
    List<CaseSummary> relatedSummaries = related.stream().map(r -> summary(r, Map.of())).toList();
    return new CaseFile(summary(instance, shown), instance.getProcessDefinitionKey(), shownText, relatedSummaries,
        timeline, VariableHistory.build(trailEntries, origins, visible), WhoDidWhat.build(trailEntries, origins),
        markers, entries.status(), trail.verification(client));
  }

  /** The instance's elements, tasks, jobs, messages and incidents: timeline steps and the keys' origins. */
  private void collect(CamundaClient client, ProcessInstance instance, Origins origins, List<TimelineStep> steps,
      Set<String> openIncidents) {
    long key = instance.getProcessInstanceKey();
    String process = processName(instance);
    origins.put(key, new Origin(process, key, null, null));
    Map<Long, String> assignees = new HashMap<>();
    for (UserTask task : tasks(client, key)) {
      origins.put(task.getUserTaskKey(), new Origin(process, key, task.getElementId(), task.getElementInstanceKey()));
      if (task.getAssignee() != null) {
        assignees.put(task.getElementInstanceKey(), task.getAssignee());
      }
    }
    for (var job : optional(() -> client.newJobSearchRequest().filter(f -> f.processInstanceKey(key))
        .page(p -> p.limit(LIMIT)).send().join().items())) {
      origins.put(job.getJobKey(), new Origin(process, key, job.getElementId(), job.getElementInstanceKey()));
    }
    for (ElementInstance element : client.newElementInstanceSearchRequest().filter(f -> f.processInstanceKey(key))
        .page(p -> p.limit(LIMIT)).send().join().items()) {
      steps.add(new TimelineStep(element.getStartDate(), element.getEndDate(), TimelineStep.Kind.ELEMENT, process, key,
          element.getElementId(), element.getElementName(), name(element.getType()), name(element.getState()),
          assignees.get(element.getElementInstanceKey()), null, element.getElementInstanceKey()));
    }
    for (var message : optional(() -> client.newCorrelatedMessageSubscriptionSearchRequest()
        .filter(f -> f.processInstanceKey(key)).page(p -> p.limit(LIMIT)).send().join().items())) {
      origins.put(message.getMessageKey(),
          new Origin(process, key, message.getElementId(), message.getElementInstanceKey()));
      steps.add(new TimelineStep(message.getCorrelationTime(), null, TimelineStep.Kind.MESSAGE, process, key,
          message.getElementId(), message.getMessageName(), null, null, null, null, null));
    }
    for (Incident incident : client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(key))
        .page(p -> p.limit(LIMIT)).send().join().items()) {
      origins.put(incident.getIncidentKey(),
          new Origin(process, key, incident.getElementId(), incident.getElementInstanceKey()));
      steps.add(new TimelineStep(incident.getCreationTime(), null, TimelineStep.Kind.INCIDENT, process, key,
          incident.getElementId(), name(incident.getErrorType()), null, name(incident.getState()), null,
          incident.getErrorMessage(), null));
      if (incident.getState() == IncidentState.ACTIVE || incident.getState() == IncidentState.PENDING) {
        openIncidents.add(incident.getElementId());
      }
    }
  }

  /**
   * The instance's user tasks, as the user: an auditor holds {@code READ_USER_TASK}, which lets
   * them read every task of the processes (not act on one), as in Camunda 8.8.
   */
  private List<UserTask> tasks(CamundaClient client, long key) {
    return client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(key))
        .page(p -> p.limit(LIMIT)).send().join().items();
  }

  /** The sequence flows taken; none on an engine without the endpoint. */
  private Set<String> sequenceFlows(CamundaClient client, long key) {
    Set<String> flows = new TreeSet<>();
    optional(() -> client.newProcessInstanceSequenceFlowsRequest(key).send().join())
        .forEach(flow -> flows.add(flow.getSequenceFlowId()));
    return flows;
  }

  /**
   * The instances of the same case: those with its case number (linkages, escalations, called
   * processes), those it called, and the one that called it.
   */
  private List<ProcessInstance> relatedInstances(CamundaClient client, ProcessInstance instance,
      Map<String, Object> variables) {
    Map<Long, ProcessInstance> related = new LinkedHashMap<>();
    String caseNumber = text(variables.get("caseNumber"));
    if (caseNumber != null) {
      client.newProcessInstanceSearchRequest().filter(f -> f.variables(Map.of("caseNumber", caseNumber)))
          .sort(s -> s.startDate().asc()).page(p -> p.limit(RELATED_LIMIT)).send().join().items()
          .forEach(each -> related.put(each.getProcessInstanceKey(), each));
    }
    Deque<Long> parents = new ArrayDeque<>(List.of(instance.getProcessInstanceKey()));
    Set<Long> seen = new LinkedHashSet<>(parents);
    while (!parents.isEmpty() && related.size() < RELATED_LIMIT) {
      long parent = parents.poll();
      for (ProcessInstance child : client.newProcessInstanceSearchRequest()
          .filter(f -> f.parentProcessInstanceKey(parent)).page(p -> p.limit(RELATED_LIMIT)).send().join().items()) {
        related.putIfAbsent(child.getProcessInstanceKey(), child);
        if (seen.add(child.getProcessInstanceKey())) {
          parents.add(child.getProcessInstanceKey());
        }
      }
    }
    Long caller = instance.getParentProcessInstanceKey();
    if (caller != null && caller > 0 && !related.containsKey(caller)) {
      related.put(caller, client.newProcessInstanceGetRequest(caller).send().join());
    }
    related.remove(instance.getProcessInstanceKey());
    return new ArrayList<>(related.values());
  }

  /**
   * The case's station (its relief case's {@code stationId}), escalated once a regional escalation
   * with the case number exists.
   */
  private CaseScope scope(CamundaClient client, ProcessInstance instance, Map<String, Object> variables,
      List<ProcessInstance> related) {
    String stationId = text(variables.get("stationId"));
    if (stationId == null) {
      for (ProcessInstance other : related) {
        if (RELIEF_CASE.equals(other.getProcessDefinitionId())) {
          stationId = text(variables(client, other.getProcessInstanceKey()).get("stationId"));
          break;
        }
      }
    }
    boolean escalated = ESCALATION.equals(instance.getProcessDefinitionId())
        || related.stream().anyMatch(other -> ESCALATION.equals(other.getProcessDefinitionId()));
    return access.scope(stationId, escalated);
  }

  private static ProcessInstance instance(CamundaClient client, long key) {
    try {
      return client.newProcessInstanceGetRequest(key).send().join();
    } catch (ProblemException e) {
      if (e.code() == 404) {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No process instance " + key);
      }
      if (e.code() == 403) {
        throw new AccessDeniedException("Instance " + key + " not readable");
      }
      throw e;
    }
  }

  /** The instance's own (root scope) variables, values parsed from JSON. */
  static Map<String, Object> variables(CamundaClient client, long key) {
    Map<String, Object> variables = new LinkedHashMap<>();
    client.newVariableSearchRequest().filter(f -> f.processInstanceKey(key).scopeKey(key))
        .page(p -> p.limit(1000)).send().join().items()
        .forEach(variable -> variables.put(variable.getName(), parse(variable.getValue())));
    return variables;
  }

  private static CaseSummary summary(ProcessInstance instance, Map<String, Object> visibleVariables) {
    return new CaseSummary(instance.getProcessInstanceKey(), instance.getProcessDefinitionId(), processName(instance),
        text(visibleVariables.get("caseNumber")), text(visibleVariables.get("fullName")),
        text(visibleVariables.get("stationId")), name(instance.getState()), instance.getStartDate(),
        instance.getEndDate());
  }

  private static String processName(ProcessInstance instance) {
    String name = instance.getProcessDefinitionName();
    return name == null || name.isBlank() ? instance.getProcessDefinitionId() : name;
  }

  /** Searches the engine may not offer (a job or message history on an older cluster): none then. */
  private static <T> List<T> optional(Supplier<List<T>> search) {
    try {
      return search.get();
    } catch (ClientException e) {
      LOG.debug("Search not available: {}", e.getMessage());
      return List.of();
    }
  }

  private static OffsetDateTime startOfDay(LocalDate day) {
    return day.atTime(LocalTime.MIDNIGHT).atZone(Times.ZONE).toOffsetDateTime();
  }

  /** The search's wildcards are * and ?: the text itself matches them literally. */
  private static String likeText(String text) {
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
  }

  private static Object parse(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (IOException e) {
      return json;
    }
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}
