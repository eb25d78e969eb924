package cn.relief.engine.gateway.rest;

import static cn.relief.engine.gateway.rest.HistoryResponses.date;
import static cn.relief.engine.gateway.rest.HistoryResponses.integer;
import static cn.relief.engine.gateway.rest.HistoryResponses.key;
import static cn.relief.engine.gateway.rest.HistoryResponses.text;

import cn.relief.engine.history.search.HistoryTables;
import cn.relief.engine.history.search.SqlConditions;
import cn.relief.engine.history.search.SqlSearch;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.protocol.rest.ElementInstanceResult;
import io.camunda.client.protocol.rest.ElementInstanceSearchQueryResult;
import io.camunda.client.protocol.rest.ElementInstanceStateEnum;
import io.camunda.client.protocol.rest.IncidentResult;
import io.camunda.client.protocol.rest.IncidentSearchQueryResult;
import io.camunda.client.protocol.rest.JobKindEnum;
import io.camunda.client.protocol.rest.JobListenerEventTypeEnum;
import io.camunda.client.protocol.rest.JobSearchQueryResult;
import io.camunda.client.protocol.rest.JobSearchResult;
import io.camunda.client.protocol.rest.JobStateEnum;
import io.camunda.client.protocol.rest.MessageSubscriptionResult;
import io.camunda.client.protocol.rest.MessageSubscriptionSearchQueryResult;
import io.camunda.client.protocol.rest.MessageSubscriptionStateEnum;
import io.camunda.client.protocol.rest.VariableResult;
import io.camunda.client.protocol.rest.VariableSearchQueryResult;
import io.camunda.client.protocol.rest.VariableSearchResult;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * History queries about what happened inside instances: element instances, variables, incidents,
 * jobs and message subscriptions.
 */
@RestController
public class ExecutionQueryController {
  private final SqlSearch search;
  private final ObjectMapper json = new ObjectMapper();

  public ExecutionQueryController(SqlSearch search) {
    this.search = search;
  }

  @PostMapping("/v2/element-instances/search")
  public ElementInstanceSearchQueryResult searchElements(@RequestBody(required = false) Map<String, Object> body) {
    SqlSearch.Page page = search.search(HistoryTables.ELEMENT_INSTANCES, body, null);
    return new ElementInstanceSearchQueryResult()
        .items(page.rows().stream().map(ExecutionQueryController::element).toList())
        .page(HistoryResponses.page(page));
  }

  @GetMapping("/v2/element-instances/{key}")
  public ElementInstanceResult getElement(@PathVariable("key") String key) {
    return element(search.byKey(HistoryTables.ELEMENT_INSTANCES, key, "element instance"));
  }

  @PostMapping("/v2/variables/search")
  public VariableSearchQueryResult searchVariables(@RequestBody(required = false) Map<String, Object> body,
      @RequestParam(name = "truncateValues", required = false) Boolean truncateValues) {
    boolean truncate = truncateValues == null || truncateValues;
    SqlSearch.Page page = search.search(HistoryTables.VARIABLES, body, null);
    return new VariableSearchQueryResult()
        .items(page.rows().stream().map(row -> variable(row, truncate)).toList())
        .page(HistoryResponses.page(page));
  }

  static VariableSearchResult variable(Map<String, Object> row, boolean truncate) {
    String value = text(row, "value");
    // search results shorten long values, as Camunda does; a get returns the whole value
    boolean truncated = truncate && value.length() > HistoryTables.VARIABLE_PREVIEW_LENGTH;
    return new VariableSearchResult()
        .variableKey(key(row, "variable_key"))
        .name(text(row, "name"))
        .value(truncated ? value.substring(0, HistoryTables.VARIABLE_PREVIEW_LENGTH) : value)
        .isTruncated(truncated)
        .scopeKey(key(row, "scope_key"))
        .processInstanceKey(key(row, "process_instance_key"))
        .tenantId(text(row, "tenant_id"));
  }

  @GetMapping("/v2/variables/{key}")
  public VariableResult getVariable(@PathVariable("key") String key) {
    Map<String, Object> row = search.byKey(HistoryTables.VARIABLES, key, "variable");
    return new VariableResult()
        .variableKey(key(row, "variable_key"))
        .name(text(row, "name"))
        .value(text(row, "value"))
        .scopeKey(key(row, "scope_key"))
        .processInstanceKey(key(row, "process_instance_key"))
        .tenantId(text(row, "tenant_id"));
  }

  @PostMapping("/v2/incidents/search")
  public IncidentSearchQueryResult searchIncidents(@RequestBody(required = false) Map<String, Object> body) {
    return incidents(body, null);
  }

  /** Incidents of the instance and of every instance it called: what blocks a case, wherever it is. */
  @PostMapping("/v2/process-instances/{key}/incidents/search")
  public IncidentSearchQueryResult searchInstanceIncidents(@PathVariable("key") String key,
      @RequestBody(required = false) Map<String, Object> body) {
    search.byKey(HistoryTables.PROCESS_INSTANCES, key, "process instance");
    return incidents(body, HistoryTables.inCallTree(RestRequests.key("processInstanceKey", key)));
  }

  private IncidentSearchQueryResult incidents(Map<String, Object> body, SqlConditions scope) {
    SqlSearch.Page page = search.search(HistoryTables.INCIDENTS, body, scope);
    return new IncidentSearchQueryResult()
        .items(page.rows().stream().map(ExecutionQueryController::incident).toList())
        .page(HistoryResponses.page(page));
  }

  @GetMapping("/v2/incidents/{key}")
  public IncidentResult getIncident(@PathVariable("key") String key) {
    return incident(search.byKey(HistoryTables.INCIDENTS, key, "incident"));
  }

  @PostMapping("/v2/jobs/search")
  public JobSearchQueryResult searchJobs(@RequestBody(required = false) Map<String, Object> body) {
    SqlSearch.Page page = search.search(HistoryTables.JOBS, body, null);
    return new JobSearchQueryResult()
        .items(page.rows().stream().map(this::job).toList())
        .page(HistoryResponses.page(page));
  }

  @PostMapping("/v2/message-subscriptions/search")
  public MessageSubscriptionSearchQueryResult searchMessageSubscriptions(
      @RequestBody(required = false) Map<String, Object> body) {
    SqlSearch.Page page = search.search(HistoryTables.MESSAGE_SUBSCRIPTIONS, body, null);
    return new MessageSubscriptionSearchQueryResult()
        .items(page.rows().stream().map(row -> new MessageSubscriptionResult()
            .messageSubscriptionKey(key(row, "message_subscription_key"))
            .processDefinitionId(text(row, "bpmn_process_id"))
            .processDefinitionKey(key(row, "process_definition_key"))
            .processInstanceKey(key(row, "process_instance_key"))
            .elementId(text(row, "element_id"))
            .elementInstanceKey(key(row, "element_instance_key"))
            .messageSubscriptionState(MessageSubscriptionStateEnum.fromValue(text(row, "state")))
            .lastUpdatedDate(date(row, "last_updated_at"))
            .messageName(text(row, "message_name"))
            .correlationKey(text(row, "correlation_key"))
            .tenantId(text(row, "tenant_id"))).toList())
        .page(HistoryResponses.page(page));
  }

  private static ElementInstanceResult element(Map<String, Object> row) {
    return new ElementInstanceResult()
        .elementInstanceKey(key(row, "element_instance_key"))
        .processInstanceKey(key(row, "process_instance_key"))
        .processDefinitionKey(key(row, "process_definition_key"))
        .processDefinitionId(text(row, "bpmn_process_id"))
        .elementId(text(row, "element_id"))
        .elementName(text(row, "element_name"))
        .type(ElementInstanceResult.TypeEnum.fromValue(text(row, "element_type")))
        .state(ElementInstanceStateEnum.fromValue(text(row, "state")))
        .startDate(date(row, "start_date"))
        .endDate(date(row, "end_date"))
        .hasIncident(row.get("incident_key") != null)
        .incidentKey(key(row, "incident_key"))
        .tenantId(text(row, "tenant_id"));
  }

  private static IncidentResult incident(Map<String, Object> row) {
    return new IncidentResult()
        .incidentKey(key(row, "incident_key"))
        .processDefinitionId(text(row, "bpmn_process_id"))
        .processDefinitionKey(key(row, "process_definition_key"))
        .processInstanceKey(key(row, "process_instance_key"))
        .errorType(IncidentResult.ErrorTypeEnum.fromValue(text(row, "error_type")))
        .errorMessage(text(row, "error_message"))
        .elementId(text(row, "element_id"))
        .elementInstanceKey(key(row, "element_instance_key"))
        .jobKey(key(row, "job_key"))
        .creationTime(date(row, "creation_time"))
        .state(IncidentResult.StateEnum.fromValue(text(row, "state")))
        .tenantId(text(row, "tenant_id"));
  }

  private JobSearchResult job(Map<String, Object> row) {
    Map<String, String> headers = Map.of();
    String headerJson = text(row, "custom_headers");
    if (headerJson != null) {
      try {
        headers = json.readValue(headerJson, new TypeReference<>() {});
      } catch (java.io.IOException e) {
        headers = Map.of();
      }
    }
    String state = text(row, "state");
    int retries = integer(row, "retries");
    return new JobSearchResult()
        .jobKey(key(row, "job_key"))
        .type(text(row, "type"))
        .worker(text(row, "worker") == null ? "" : text(row, "worker"))
        .state(JobStateEnum.fromValue(state))
        .kind(JobKindEnum.fromValue(text(row, "kind")))
        .listenerEventType(JobListenerEventTypeEnum.fromValue(text(row, "listener_event_type")))
        .retries(retries)
        .isDenied(Boolean.TRUE.equals(row.get("denied")))
        .deniedReason(text(row, "denied_reason"))
        .hasFailedWithRetriesLeft("FAILED".equals(state) && retries > 0)
        .deadline(date(row, "deadline"))
        .endTime(date(row, "end_time"))
        .errorCode(text(row, "error_code"))
        .errorMessage(text(row, "error_message"))
        .customHeaders(headers)
        .processInstanceKey(key(row, "process_instance_key"))
        .processDefinitionKey(key(row, "process_definition_key"))
        .processDefinitionId(text(row, "bpmn_process_id"))
        .elementId(text(row, "element_id"))
        .elementInstanceKey(key(row, "element_instance_key"))
        .tenantId(text(row, "tenant_id"));
  }
}
