package cn.relief.app.cases;

import cn.relief.app.security.EngineUser;
import cn.relief.app.security.ReliefRole;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.Variable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Finds relief cases through a Camunda client, usually the logged-in user's own (so the engine's
 * permissions apply): a case is an instance of {@value #CASE_PROCESS}, its station the root
 * variable {@code stationId}, escalated once a {@value #ESCALATION_PROCESS} instance carries its
 * {@code caseNumber}. Instances of other processes belong to a case through the call hierarchy
 * (call activities) or their own {@code caseNumber} (processes started by a message).
 *
 * <p>Variables come back unmasked: pass them through {@link PersonalData} before showing them.
 */
@Component
public class CaseFiles {
  public static final String CASE_PROCESS = "relief-case";
  public static final String ESCALATION_PROCESS = "regional-escalation";
  /** The processes a case's linkages start (by message, keyed by the case number). */
  public static final List<String> LINKAGE_PROCESSES =
      List.of("temporary-assistance", "extremely-poor-support", "minor-protection", "domestic-violence-shelter",
          "return-follow-up");
  static final String CASE_NUMBER = "caseNumber";
  static final String STATION_ID = "stationId";
  static final String STATION_NAME = "stationName";
  /** More cases than a page lists are found by searching, not by scrolling. */
  static final int MAX_CASES = 200;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CaseAccess access;

  public CaseFiles(CaseAccess access) {
    this.access = access;
  }

  /** The case with this case number, or whose instance has this key (all digits, within a long). */
  public Optional<CaseFile> find(CamundaClient client, String caseNumberOrKey) {
    Optional<CaseFile> byKey = instanceKey(caseNumberOrKey).flatMap(key -> byKey(client, key));
    return byKey.isPresent() ? byKey : byCaseNumber(client, caseNumberOrKey);
  }

  /** The case for a page that works on it: 404 if there is none, 403 unless the user may work on it. */
  public CaseFile workable(CamundaClient client, EngineUser user, String reference) {
    CaseFile caseFile = find(client, reference)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no case " + reference));
    access.checkWork(user, caseFile.scope());
    return caseFile;
  }

  private static Optional<Long> instanceKey(String reference) {
    if (!reference.matches("\\d{1,19}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(reference));
    } catch (NumberFormatException beyondLong) { // 19 digits can exceed Long.MAX_VALUE
      return Optional.empty();
    }
  }

  /** The case of this {@code relief-case} instance; empty if there is none (or it is another process's). */
  public Optional<CaseFile> byKey(CamundaClient client, long instanceKey) {
    return instance(client, instanceKey).filter(i -> CASE_PROCESS.equals(i.getProcessDefinitionId()))
        .map(i -> toCase(client, i));
  }

  public Optional<CaseFile> byCaseNumber(CamundaClient client, String caseNumber) {
    return instances(client, CASE_PROCESS, Map.of(CASE_NUMBER, caseNumber)).stream().findFirst()
        .map(i -> toCase(client, i));
  }

  /**
   * The case an instance of any process belongs to: the {@code relief-case} at the root of its
   * call hierarchy, or the case whose number the root instance carries. Empty when no case is
   * involved (a patrol round); refused when a case is involved that the client cannot see.
   */
  public Optional<CaseFile> caseOf(CamundaClient client, long processInstanceKey) {
    ProcessInstance root = root(client, processInstanceKey);
    if (CASE_PROCESS.equals(root.getProcessDefinitionId())) {
      return Optional.of(toCase(client, root));
    }
    Object caseNumber = variables(client, root.getProcessInstanceKey()).get(CASE_NUMBER);
    if (caseNumber == null) {
      return Optional.empty();
    }
    return Optional.of(byCaseNumber(client, caseNumber.toString()).orElseThrow(() ->
        new AccessDeniedException("case " + caseNumber + " of instance " + processInstanceKey + " not visible")));
  }

  /**
   * The scope of an instance that belongs to no case but to a station (a discovery report, a patrol
   * round: {@code stationId} on its root instance), with the regional centre, which pools every
   * station's reports and rounds; empty for an instance of no station.
   */
  public Optional<CaseScope> stationScopeOf(CamundaClient client, long processInstanceKey) {
    ProcessInstance root = root(client, processInstanceKey);
    Object station = variables(client, root.getProcessInstanceKey()).get(STATION_ID);
    return station == null ? Optional.empty() : Optional.of(access.scope(station.toString(), true));
  }

  private ProcessInstance root(CamundaClient client, long processInstanceKey) {
    ProcessInstance root = instance(client, processInstanceKey)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no instance " + processInstanceKey));
    while (root.getParentProcessInstanceKey() != null && root.getParentProcessInstanceKey() > 0) {
      long parent = root.getParentProcessInstanceKey();
      root = instance(client, parent)
          .orElseThrow(() -> new AccessDeniedException("parent instance " + parent + " not visible"));
    }
    return root;
  }

  /** The cases the user may read, newest first (at most {@value #MAX_CASES}). */
  public List<CaseFile> readableBy(CamundaClient client, EngineUser user) {
    Map<Long, ProcessInstance> found = new LinkedHashMap<>();
    if (user.hasAnyRole(ReliefRole.AUDITOR, ReliefRole.ADMIN)) {
      instances(client, CASE_PROCESS, Map.of()).forEach(i -> found.put(i.getProcessInstanceKey(), i));
    } else if (user.organisationId() != null) {
      instances(client, CASE_PROCESS, Map.of(STATION_ID, user.organisationId()))
          .forEach(i -> found.put(i.getProcessInstanceKey(), i));
      if (user.organisationId().equals(access.regionalCentreId())) {
        for (String caseNumber : escalatedCaseNumbers(client)) { // the centre's cases are the escalated ones
          instances(client, CASE_PROCESS, Map.of(CASE_NUMBER, caseNumber))
              .forEach(i -> found.put(i.getProcessInstanceKey(), i));
        }
      }
    }
    // one look at the escalations for the whole list, not one search per case
    Set<String> escalated = escalatedCaseNumbers(client);
    return found.values().stream()
        .sorted(Comparator.comparing(ProcessInstance::getStartDate, Comparator.nullsLast(Comparator.reverseOrder())))
        .map(i -> toCase(client, i, escalated::contains))
        .filter(c -> access.canRead(user, c.scope()))
        .toList();
  }

  /** The instances of the process whose root variables have these values, newest first. */
  public List<ProcessInstance> instances(CamundaClient client, String processId, Map<String, Object> variables) {
    return client.newProcessInstanceSearchRequest()
        .filter(f -> {
          f.processDefinitionId(processId);
          if (!variables.isEmpty()) {
            f.variables(variables);
          }
        })
        .sort(s -> s.startDate().desc()).page(p -> p.limit(MAX_CASES)).send().join().items();
  }

  /** The instances a case's number joined to it: {@link #LINKAGE_PROCESSES} and escalations. */
  public List<ProcessInstance> linkedInstances(CamundaClient client, String caseNumber, List<String> processIds) {
    if (caseNumber == null) {
      return List.of();
    }
    List<ProcessInstance> linked = new ArrayList<>();
    for (String processId : processIds) {
      linked.addAll(instances(client, processId, Map.of(CASE_NUMBER, caseNumber)));
    }
    return linked;
  }

  /** The instances the instance called, at any depth (the case's family tracing, joint handling...). */
  public List<ProcessInstance> calledInstances(CamundaClient client, long instanceKey) {
    List<ProcessInstance> called = new ArrayList<>();
    for (ProcessInstance child : client.newProcessInstanceSearchRequest()
        .filter(f -> f.parentProcessInstanceKey(instanceKey)).page(p -> p.limit(MAX_CASES)).send().join().items()) {
      called.add(child);
      called.addAll(calledInstances(client, child.getProcessInstanceKey()));
    }
    return called;
  }

  /** The instance's own (root scope) variables, their JSON values read. */
  public Map<String, Object> variables(CamundaClient client, long instanceKey) {
    return read(client, f -> f.processInstanceKey(instanceKey).scopeKey(instanceKey));
  }

  /** Every variable of the instance, any scope (a later scope's value of a name wins). */
  public Map<String, Object> allVariables(CamundaClient client, long instanceKey) {
    return read(client, f -> f.processInstanceKey(instanceKey));
  }

  private Map<String, Object> read(CamundaClient client,
      Consumer<io.camunda.client.api.search.filter.VariableFilter> filter) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (Variable variable : client.newVariableSearchRequest().filter(filter).page(p -> p.limit(1000)).send().join()
        .items()) {
      String value = Boolean.TRUE.equals(variable.isTruncated())
          ? client.newVariableGetRequest(variable.getVariableKey()).send().join().getValue() : variable.getValue();
      variables.put(variable.getName(), json(value));
    }
    return variables;
  }

  private CaseFile toCase(CamundaClient client, ProcessInstance instance) {
    return toCase(client, instance,
        caseNumber -> !instances(client, ESCALATION_PROCESS, Map.of(CASE_NUMBER, caseNumber)).isEmpty());
  }

  private CaseFile toCase(CamundaClient client, ProcessInstance instance, Predicate<String> isEscalated) {
    Map<String, Object> variables = variables(client, instance.getProcessInstanceKey());
    String caseNumber = text(variables.get(CASE_NUMBER));
    String stationId = text(variables.get(STATION_ID));
    boolean escalated = caseNumber != null && isEscalated.test(caseNumber);
    return new CaseFile(instance.getProcessInstanceKey(), caseNumber, stationId, text(variables.get(STATION_NAME)),
        instance.getState(), instance.getStartDate(), instance.getEndDate(), escalated,
        access.scope(stationId, escalated), variables);
  }

  private Set<String> escalatedCaseNumbers(CamundaClient client) {
    Set<String> numbers = new LinkedHashSet<>();
    for (ProcessInstance escalation : instances(client, ESCALATION_PROCESS, Map.of())) {
      String number = text(variables(client, escalation.getProcessInstanceKey()).get(CASE_NUMBER));
      if (number != null) {
        numbers.add(number);
      }
    }
    return numbers;
  }

  /** The instance, empty if it does not exist; a 403 of the engine is the user's 403 page. */
  private static Optional<ProcessInstance> instance(CamundaClient client, long key) {
    try {
      return Optional.of(client.newProcessInstanceGetRequest(key).send().join());
    } catch (ProblemException e) {
      if (e.code() == 404) {
        return Optional.empty();
      }
      if (e.code() == 403) {
        throw new AccessDeniedException("instance " + key + " not visible: " + e.getMessage());
      }
      throw e;
    }
  }

  /** A variable's JSON value as maps, lists and plain values; text that is not JSON as it is. */
  public static Object json(String value) {
    if (value == null) {
      return null;
    }
    try {
      return JSON.readValue(value, Object.class);
    } catch (JsonProcessingException e) {
      return value; // not JSON: keep the text as it is
    }
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
