package cn.relief.app.dashboard;

import cn.relief.app.cases.CaseAccess;
import cn.relief.app.cases.CaseScope;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.Variable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The process instances a user may read, each traced to its root (the case), with the case's
 * station and number: what the dashboard counts and what operations filters incidents by. Read
 * through the user's own client, so the engine's permissions decide what is in it.
 */
public final class CaseIndex {
  public static final String CASE_PROCESS = "relief-case";
  static final String ESCALATION_PROCESS = "regional-escalation";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<Long, ProcessInstance> instances;
  private final Map<Long, String> stationIds;
  private final Map<Long, String> caseNumbers;
  private final Set<String> escalatedCaseNumbers;
  /** The relief case of each case number. */
  private final Map<String, Long> caseByNumber = new HashMap<>();

  CaseIndex(Map<Long, ProcessInstance> instances, Map<Long, String> stationIds, Map<Long, String> caseNumbers,
      Set<String> escalatedCaseNumbers) {
    this.instances = instances;
    this.stationIds = stationIds;
    this.caseNumbers = caseNumbers;
    this.escalatedCaseNumbers = escalatedCaseNumbers;
    caseNumbers.forEach((key, number) -> {
      ProcessInstance instance = instances.get(key);
      if (instance != null && CASE_PROCESS.equals(instance.getProcessDefinitionId())) {
        caseByNumber.put(number, key);
      }
    });
  }

  public static CaseIndex read(CamundaClient client) {
    Map<Long, ProcessInstance> instances = new HashMap<>();
    for (ProcessInstance instance : SearchPages.all(from -> client.newProcessInstanceSearchRequest()
        .page(p -> p.from(from).limit(SearchPages.PAGE)).send().join())) {
      instances.put(instance.getProcessInstanceKey(), instance);
    }
    Map<Long, String> caseNumbers = rootValues(client, "caseNumber");
    Set<String> escalated = new HashSet<>();
    caseNumbers.forEach((key, number) -> {
      ProcessInstance instance = instances.get(key);
      if (instance != null && ESCALATION_PROCESS.equals(instance.getProcessDefinitionId())) {
        escalated.add(number);
      }
    });
    return new CaseIndex(instances, rootValues(client, "stationId"), caseNumbers, escalated);
  }

  /** Per process instance, the text of its own (root-scope) variable of that name. */
  public static Map<Long, String> rootValues(CamundaClient client, String name) {
    Map<Long, String> values = new HashMap<>();
    for (Variable variable : SearchPages.all(from -> client.newVariableSearchRequest().filter(f -> f.name(name))
        .page(p -> p.from(from).limit(SearchPages.PAGE)).send().join())) {
      if (variable.getScopeKey() != null && variable.getScopeKey().equals(variable.getProcessInstanceKey())) {
        text(variable.getValue()).ifPresent(value -> values.put(variable.getProcessInstanceKey(), value));
      }
    }
    return values;
  }

  /** A variable's JSON value as text: a string without its quotes, anything else as written; null as empty. */
  public static Optional<String> text(String json) {
    if (json == null || json.equals("null")) {
      return Optional.empty();
    }
    if (json.startsWith("\"")) {
      try {
        return Optional.ofNullable(JSON.readValue(json, String.class));
      } catch (JsonProcessingException truncated) {
        return Optional.empty();
      }
    }
    return Optional.of(json);
  }

  public Map<Long, ProcessInstance> instances() {
    return instances;
  }

  public Optional<ProcessInstance> instance(long key) {
    return Optional.ofNullable(instances.get(key));
  }

  /** The instance's root: the case it belongs to (itself if it was started on its own). */
  public long rootOf(long key) {
    long current = key;
    Set<Long> seen = new HashSet<>();
    while (seen.add(current)) {
      ProcessInstance instance = instances.get(current);
      if (instance == null || instance.getParentProcessInstanceKey() == null
          || !instances.containsKey(instance.getParentProcessInstanceKey())) {
        return current;
      }
      current = instance.getParentProcessInstanceKey();
    }
    return current;
  }

  public boolean isCase(long rootKey) {
    return instance(rootKey).map(i -> CASE_PROCESS.equals(i.getProcessDefinitionId())).orElse(false);
  }

  /**
   * The station of the case the instance belongs to, if it has one: the root's own {@code stationId},
   * else that of the relief case with the root's case number (the linkage processes, such as the
   * shelter, are started by a message that carries only the case number).
   */
  public Optional<String> stationOf(long key) {
    long root = rootOf(key);
    String station = stationIds.get(root);
    if (station == null && caseNumbers.containsKey(root)) {
      station = stationIds.get(caseByNumber.getOrDefault(caseNumbers.get(root), root));
    }
    return Optional.ofNullable(station);
  }

  public Optional<String> caseNumberOf(long key) {
    return Optional.ofNullable(caseNumbers.getOrDefault(rootOf(key), caseNumbers.get(key)));
  }

  /** Who the case of this instance belongs to: its station, and the centre once escalated. */
  public CaseScope scopeOf(CaseAccess access, long key) {
    boolean escalated = caseNumberOf(key).map(escalatedCaseNumbers::contains).orElse(false);
    return access.scope(stationOf(key).orElse(null), escalated);
  }
}
