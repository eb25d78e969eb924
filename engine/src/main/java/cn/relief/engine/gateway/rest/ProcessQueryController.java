package cn.relief.engine.gateway.rest;

import cn.relief.engine.history.search.NotFoundInHistoryException;
import org.springframework.http.ResponseEntity;
import io.camunda.client.protocol.rest.FormResult;
import static cn.relief.engine.gateway.rest.HistoryResponses.date;
import static cn.relief.engine.gateway.rest.HistoryResponses.integer;
import static cn.relief.engine.gateway.rest.HistoryResponses.key;
import static cn.relief.engine.gateway.rest.HistoryResponses.text;

import cn.relief.engine.history.search.HistoryTables;
import cn.relief.engine.history.search.SqlConditions;
import cn.relief.engine.history.search.SqlSearch;
import io.camunda.client.protocol.rest.CorrelatedMessageSubscriptionResult;
import io.camunda.client.protocol.rest.CorrelatedMessageSubscriptionSearchQueryResult;
import io.camunda.client.protocol.rest.ProcessDefinitionElementStatisticsQueryResult;
import io.camunda.client.protocol.rest.ProcessDefinitionResult;
import io.camunda.client.protocol.rest.ProcessElementStatisticsResult;
import io.camunda.client.protocol.rest.ProcessInstanceCallHierarchyEntry;
import io.camunda.client.protocol.rest.ProcessInstanceElementStatisticsQueryResult;
import io.camunda.client.protocol.rest.ProcessDefinitionSearchQueryResult;
import io.camunda.client.protocol.rest.ProcessInstanceResult;
import io.camunda.client.protocol.rest.ProcessInstanceSearchQueryResult;
import io.camunda.client.protocol.rest.ProcessInstanceSequenceFlowResult;
import io.camunda.client.protocol.rest.ProcessInstanceSequenceFlowsQueryResult;
import io.camunda.client.protocol.rest.ProcessInstanceStateEnum;
import java.util.List;
import java.util.Map;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * History queries about processes: definitions (with their XML), instances, and the sequence
 * flows an instance took (the path a case took).
 */
@RestController
public class ProcessQueryController {
  private final SqlSearch search;

  public ProcessQueryController(SqlSearch search) {
    this.search = search;
  }

  @PostMapping("/v2/process-definitions/search")
  public ProcessDefinitionSearchQueryResult searchDefinitions(@RequestBody(required = false) Map<String, Object> body) {
    SqlSearch.Page page = search.search(HistoryTables.PROCESS_DEFINITIONS, body, null);
    return new ProcessDefinitionSearchQueryResult()
        .items(page.rows().stream().map(ProcessQueryController::definition).toList())
        .page(HistoryResponses.page(page));
  }

  @GetMapping("/v2/process-definitions/{key}")
  public ProcessDefinitionResult getDefinition(@PathVariable("key") String key) {
    return definition(search.byKey(HistoryTables.PROCESS_DEFINITIONS, key, "process definition"));
  }

  /** The deployed XML as text/xml whatever the caller accepts (the client asks for JSON but reads text). */
  @GetMapping("/v2/process-definitions/{key}/xml")
  public void getDefinitionXml(@PathVariable("key") String key, HttpServletResponse response) throws IOException {
    String xml = text(search.byKey(HistoryTables.PROCESS_DEFINITIONS, key, "process definition"),
        "bpmn_xml");
    response.setContentType("text/xml;charset=UTF-8");
    response.getOutputStream().write(xml.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The form the process's none start event links, resolved with the link's binding: the latest
   * version, the one deployed with the process, or the newest with the version tag. 204 when the
   * process links none (as Camunda answers).
   */
  @GetMapping("/v2/process-definitions/{key}/form")
  public ResponseEntity<FormResult> getStartForm(@PathVariable("key") String key) {
    Map<String, Object> definition = search.byKey(HistoryTables.PROCESS_DEFINITIONS, key, "process definition");
    String formId = text(definition, "start_form_id");
    if (formId == null) {
      return ResponseEntity.noContent().build();
    }
    SqlConditions where = new SqlConditions();
    where.add("form_id = ?", formId);
    where.add("tenant_id = ?", text(definition, "tenant_id"));
    String binding = text(definition, "start_form_binding");
    String versionTag = text(definition, "start_form_version_tag");
    if ("deployment".equals(binding)) {
      where.add("deployment_key = ?", ((Number) definition.get("deployment_key")).longValue());
    } else if ("versionTag".equals(binding)) {
      where.add("version_tag = ?", versionTag);
    }
    List<Map<String, Object>> forms = search.rows("history_form", where, "version DESC");
    if (forms.isEmpty()) {
      throw new NotFoundInHistoryException("Expected to find the start form '" + formId + "'"
          + ("deployment".equals(binding) ? " deployed with the process"
              : "versionTag".equals(binding) ? " with version tag '" + versionTag + "'" : "")
          + " of process definition '" + key + "', but no such form is deployed");
    }
    return ResponseEntity.ok(HistoryResponses.form(forms.get(0)));
  }

  @PostMapping("/v2/process-instances/search")
  public ProcessInstanceSearchQueryResult searchInstances(@RequestBody(required = false) Map<String, Object> body) {
    SqlSearch.Page page = search.search(HistoryTables.PROCESS_INSTANCES, body, null);
    return new ProcessInstanceSearchQueryResult()
        .items(page.rows().stream().map(ProcessQueryController::instance).toList())
        .page(HistoryResponses.page(page));
  }

  @GetMapping("/v2/process-instances/{key}")
  public ProcessInstanceResult getInstance(@PathVariable("key") String key) {
    return instance(search.byKey(HistoryTables.PROCESS_INSTANCES, key, "process instance"));
  }

  @GetMapping("/v2/process-instances/{key}/sequence-flows")
  public ProcessInstanceSequenceFlowsQueryResult sequenceFlows(@PathVariable("key") String key) {
    long instanceKey = RestRequests.key("processInstanceKey", key);
    search.byKey(HistoryTables.PROCESS_INSTANCES, key, "process instance");
    SqlConditions where = new SqlConditions();
    where.add("process_instance_key = ?", instanceKey);
    List<Map<String, Object>> rows = search.rows("history_sequence_flow", where, "taken_at, sequence_flow_key");
    return new ProcessInstanceSequenceFlowsQueryResult().items(rows.stream().map(row ->
        new ProcessInstanceSequenceFlowResult()
            .sequenceFlowId(text(row, "element_id"))
            .elementId(text(row, "element_id"))
            .processInstanceKey(key(row, "process_instance_key"))
            .processDefinitionKey(key(row, "process_definition_key"))
            .processDefinitionId(text(row, "bpmn_process_id"))
            .tenantId(text(row, "tenant_id"))).toList());
  }

  /** The instance's ancestry across call activities, from the root case down to the instance itself. */
  @GetMapping("/v2/process-instances/{key}/call-hierarchy")
  public List<ProcessInstanceCallHierarchyEntry> callHierarchy(@PathVariable("key") String key) {
    Map<String, Object> current = search.byKey(HistoryTables.PROCESS_INSTANCES, key, "process instance");
    List<ProcessInstanceCallHierarchyEntry> chain = new java.util.ArrayList<>();
    while (current != null) {
      chain.add(0, new ProcessInstanceCallHierarchyEntry()
          .processInstanceKey(key(current, "process_instance_key"))
          .processDefinitionKey(key(current, "process_definition_key"))
          .processDefinitionName(text(current, "process_definition_name") != null
              ? text(current, "process_definition_name") : text(current, "bpmn_process_id")));
      Object parent = current.get("parent_process_instance_key");
      current = parent == null
          ? null : search.byKey(HistoryTables.PROCESS_INSTANCES, String.valueOf(parent), "process instance");
    }
    return chain;
  }

  @GetMapping("/v2/process-instances/{key}/statistics/element-instances")
  public ProcessInstanceElementStatisticsQueryResult instanceStatistics(@PathVariable("key") String key) {
    long instanceKey = RestRequests.key("processInstanceKey", key);
    search.byKey(HistoryTables.PROCESS_INSTANCES, key, "process instance");
    SqlConditions where = new SqlConditions();
    where.add("process_instance_key = ?", instanceKey);
    return new ProcessInstanceElementStatisticsQueryResult().items(statistics(where));
  }

  @PostMapping("/v2/process-definitions/{key}/statistics/element-instances")
  public ProcessDefinitionElementStatisticsQueryResult definitionStatistics(@PathVariable("key") String key,
      @RequestBody(required = false) Map<String, Object> body) {
    long definitionKey = RestRequests.key("processDefinitionKey", key);
    SqlConditions instances =
        search.conditions(HistoryTables.PROCESS_INSTANCES, body == null ? null : body.get("filter"));
    SqlConditions where = new SqlConditions();
    where.add("process_definition_key = ?", definitionKey);
    search.readable(HistoryTables.ELEMENT_INSTANCES, where);
    if (!instances.isEmpty()) {
      where.add("process_instance_key IN (SELECT process_instance_key FROM history_process_instance WHERE "
          + instances.joined(" AND ") + ")", instances.parameters().toArray());
    }
    return new ProcessDefinitionElementStatisticsQueryResult().items(statistics(where));
  }

  /** Per element: how many instances are active, completed, terminated, and active with an incident. */
  private List<ProcessElementStatisticsResult> statistics(SqlConditions where) {
    SqlConditions grouped = new SqlConditions();
    grouped.add(where.joined(" AND ") + " AND element_type NOT IN ('PROCESS', 'MULTI_INSTANCE_BODY')"
        + " GROUP BY element_id", where.parameters().toArray());
    String select = "SELECT element_id, count(*) FILTER (WHERE state = 'ACTIVE') AS active,"
        + " count(*) FILTER (WHERE state = 'COMPLETED') AS completed,"
        + " count(*) FILTER (WHERE state = 'TERMINATED') AS canceled,"
        + " count(*) FILTER (WHERE state = 'ACTIVE' AND incident_key IS NOT NULL) AS incidents"
        + " FROM history_element_instance";
    return search.aggregate(select, grouped, "element_id").stream()
        .map(row -> new ProcessElementStatisticsResult()
            .elementId(text(row, "element_id"))
            .active(((Number) row.get("active")).longValue())
            .completed(((Number) row.get("completed")).longValue())
            .canceled(((Number) row.get("canceled")).longValue())
            .incidents(((Number) row.get("incidents")).longValue()))
        .toList();
  }

  @PostMapping("/v2/correlated-message-subscriptions/search")
  public CorrelatedMessageSubscriptionSearchQueryResult searchCorrelatedMessages(
      @RequestBody(required = false) Map<String, Object> body) {
    SqlSearch.Page page = search.search(HistoryTables.CORRELATED_MESSAGES, body, null);
    return new CorrelatedMessageSubscriptionSearchQueryResult()
        .items(page.rows().stream().map(row -> new CorrelatedMessageSubscriptionResult()
            .messageKey(key(row, "message_key"))
            .messageName(text(row, "message_name"))
            .correlationKey(text(row, "correlation_key"))
            .correlationTime(date(row, "correlated_at"))
            .subscriptionKey(key(row, "subscription_key"))
            .processInstanceKey(key(row, "process_instance_key"))
            .processDefinitionKey(key(row, "process_definition_key"))
            .processDefinitionId(text(row, "bpmn_process_id"))
            .elementId(text(row, "element_id"))
            .elementInstanceKey(key(row, "element_instance_key"))
            .partitionId(1)
            .tenantId(text(row, "tenant_id"))).toList())
        .page(HistoryResponses.page(page));
  }

  private static ProcessDefinitionResult definition(Map<String, Object> row) {
    return new ProcessDefinitionResult()
        .processDefinitionKey(key(row, "process_definition_key"))
        .processDefinitionId(text(row, "bpmn_process_id"))
        .name(text(row, "name"))
        .version(integer(row, "version"))
        .versionTag(text(row, "version_tag"))
        .resourceName(text(row, "resource_name"))
        .tenantId(text(row, "tenant_id"))
        .hasStartForm(text(row, "start_form_id") != null);
  }

  static ProcessInstanceResult instance(Map<String, Object> row) {
    return new ProcessInstanceResult()
        .processInstanceKey(key(row, "process_instance_key"))
        .processDefinitionKey(key(row, "process_definition_key"))
        .processDefinitionId(text(row, "bpmn_process_id"))
        .processDefinitionName(text(row, "process_definition_name"))
        .processDefinitionVersion(integer(row, "version"))
        .processDefinitionVersionTag(text(row, "version_tag"))
        .state(ProcessInstanceStateEnum.fromValue(text(row, "state")))
        .startDate(date(row, "start_date"))
        .endDate(date(row, "end_date"))
        .hasIncident(((Number) row.get("open_incidents")).intValue() > 0)
        .parentProcessInstanceKey(key(row, "parent_process_instance_key"))
        .parentElementInstanceKey(key(row, "parent_element_instance_key"))
        .tenantId(text(row, "tenant_id"))
        .tags(new java.util.LinkedHashSet<>()); // instance tags are not kept (see HistoryTables)
  }
}
