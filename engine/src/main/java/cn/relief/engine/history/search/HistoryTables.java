package cn.relief.engine.history.search;

import static cn.relief.engine.history.search.FieldType.DATE;
import static cn.relief.engine.history.search.FieldType.INTEGER;
import static cn.relief.engine.history.search.FieldType.KEY;
import static cn.relief.engine.history.search.FieldType.STRING;

import java.util.List;
import java.util.Map;

/** The searchable history tables, with the field names of the REST v2 API (camunda-client-java 8.8). */
public final class HistoryTables {
  private HistoryTables() {}

  public static final SearchTable PROCESS_DEFINITIONS = SearchTable
      .of("history_process_definition", "process_definition_key", "processDefinitionKey")
      .field("processDefinitionId", "bpmn_process_id", STRING)
      .field("name", "name", STRING)
      .field("version", "version", INTEGER)
      .field("versionTag", "version_tag", STRING)
      .field("resourceName", "resource_name", STRING)
      .field("tenantId", "tenant_id", STRING)
      .custom("hasStartForm", neverTrue()) // linked start forms come with E4
      .custom("isLatestVersion", (value, where) -> {
        if (Boolean.TRUE.equals(value) || "true".equals(String.valueOf(value))) {
          where.add("version = (SELECT max(d.version) FROM history_process_definition d "
              + "WHERE d.bpmn_process_id = history_process_definition.bpmn_process_id)");
        }
      })
      .build();

  public static final SearchTable PROCESS_INSTANCES = SearchTable
      .of("history_process_instance", "process_instance_key", "processInstanceKey")
      .field("processDefinitionId", "bpmn_process_id", STRING)
      .field("processDefinitionName", "process_definition_name", STRING)
      .field("processDefinitionVersion", "version", INTEGER)
      .field("processDefinitionVersionTag", "version_tag", STRING)
      .field("processDefinitionKey", "process_definition_key", KEY)
      .field("startDate", "start_date", DATE)
      .field("endDate", "end_date", DATE)
      .field("state", "state", STRING)
      .field("tenantId", "tenant_id", STRING)
      .field("parentProcessInstanceKey", "parent_process_instance_key", KEY)
      .field("parentElementInstanceKey", "parent_element_instance_key", KEY)
      .sortOnly("hasIncident", "(open_incidents > 0)")
      .custom("hasIncident", (value, where) -> where.add(
          Boolean.parseBoolean(String.valueOf(value)) ? "open_incidents > 0" : "open_incidents = 0"))
      .custom("variables", HistoryTables::variablesFilter)
      .custom("tags", (value, where) -> {
        // instance tags are not kept: only an empty tag filter matches
        if (value instanceof List<?> tags && !tags.isEmpty()) {
          where.add("FALSE");
        }
      })
      .custom("batchOperationId", (value, where) -> where.add("FALSE")) // batch operations come with E5
      .custom("elementInstanceState", instanceHas("history_element_instance", "TRUE", "elementInstanceState", "state"))
      .custom("hasElementInstanceIncident", instanceHasAny("history_element_instance", "incident_key IS NOT NULL"))
      .custom("hasRetriesLeft", instanceHasAny("history_job",
          "retries > 0 AND state IN ('CREATED', 'FAILED', 'TIMED_OUT', 'RETRIES_UPDATED')"))
      .custom("errorMessage", instanceHas("history_incident", "state = 'ACTIVE'", "errorMessage", "error_message"))
      .custom("elementId", instanceHas("history_element_instance", "TRUE", "elementId", "element_id"))
      .build();

  /** Instances with a row in {@code table} (meeting {@code condition}) whose {@code column} matches the filter. */
  private static SearchTable.CustomFilter instanceHas(String table, String condition, String field, String column) {
    return (value, where) -> {
      SqlConditions inner = new SqlConditions();
      inner.filter(field, column, STRING, value);
      where.add("process_instance_key IN (SELECT process_instance_key FROM " + table + " WHERE " + condition
          + " AND " + inner.joined(" AND ") + ")", inner.parameters().toArray());
    };
  }

  /** {@code true}: instances with a row in {@code table} meeting {@code condition}; {@code false}: without. */
  private static SearchTable.CustomFilter instanceHasAny(String table, String condition) {
    return (value, where) -> where.add("process_instance_key " + (Boolean.parseBoolean(String.valueOf(value))
        ? "" : "NOT ") + "IN (SELECT process_instance_key FROM " + table + " WHERE " + condition + ")");
  }

  /** A flag no row has yet (a feature of a later stage): only {@code false} matches. */
  private static SearchTable.CustomFilter neverTrue() {
    return (value, where) -> {
      if (Boolean.parseBoolean(String.valueOf(value))) {
        where.add("FALSE");
      }
    };
  }

  public static final SearchTable ELEMENT_INSTANCES = SearchTable
      .of("history_element_instance", "element_instance_key", "elementInstanceKey")
      .field("processInstanceKey", "process_instance_key", KEY)
      .field("processDefinitionKey", "process_definition_key", KEY)
      .field("processDefinitionId", "bpmn_process_id", STRING)
      .field("elementId", "element_id", STRING)
      .field("elementName", "element_name", STRING)
      .field("type", "element_type", STRING)
      .field("state", "state", STRING)
      .field("startDate", "start_date", DATE)
      .field("endDate", "end_date", DATE)
      .field("incidentKey", "incident_key", KEY)
      .field("tenantId", "tenant_id", STRING)
      .sortOnly("hasIncident", "(incident_key IS NOT NULL)")
      .custom("hasIncident", (value, where) -> where.add(
          Boolean.parseBoolean(String.valueOf(value)) ? "incident_key IS NOT NULL" : "incident_key IS NULL"))
      .custom("elementInstanceScopeKey",
          (value, where) -> where.filter("elementInstanceScopeKey", "flow_scope_key", KEY, value))
      .build();

  public static final SearchTable VARIABLES = SearchTable
      .of("history_variable", "variable_key", "variableKey")
      .field("name", "name", STRING)
      .field("value", "value", STRING)
      .field("scopeKey", "scope_key", KEY)
      .field("processInstanceKey", "process_instance_key", KEY)
      .field("tenantId", "tenant_id", STRING)
      .custom("isTruncated", neverTrue()) // values are stored whole
      .build();

  public static final SearchTable INCIDENTS = SearchTable
      .of("history_incident", "incident_key", "incidentKey")
      .field("processDefinitionId", "bpmn_process_id", STRING)
      .field("processDefinitionKey", "process_definition_key", KEY)
      .field("processInstanceKey", "process_instance_key", KEY)
      .field("errorType", "error_type", STRING)
      .field("errorMessage", "error_message", STRING)
      .field("elementId", "element_id", STRING)
      .field("elementInstanceKey", "element_instance_key", KEY)
      .field("creationTime", "creation_time", DATE)
      .field("state", "state", STRING)
      .field("jobKey", "job_key", KEY)
      .field("tenantId", "tenant_id", STRING)
      .build();

  public static final SearchTable JOBS = SearchTable
      .of("history_job", "job_key", "jobKey")
      .field("type", "type", STRING)
      .field("worker", "worker", STRING)
      .field("state", "state", STRING)
      .field("retries", "retries", INTEGER)
      .field("deadline", "deadline", DATE)
      .field("endTime", "end_time", DATE)
      .field("errorCode", "error_code", STRING)
      .field("errorMessage", "error_message", STRING)
      .field("processInstanceKey", "process_instance_key", KEY)
      .field("processDefinitionKey", "process_definition_key", KEY)
      .field("processDefinitionId", "bpmn_process_id", STRING)
      .field("elementId", "element_id", STRING)
      .field("elementInstanceKey", "element_instance_key", KEY)
      .field("tenantId", "tenant_id", STRING)
      .custom("kind", (value, where) -> where.filter("kind", "'BPMN_ELEMENT'", STRING, value))
      .custom("isDenied", neverTrue()) // denials come from task listeners (E4)
      .custom("deniedReason", (value, where) -> where.add("FALSE"))
      .custom("listenerEventType", (value, where) -> where.filter("listenerEventType", "'UNSPECIFIED'", STRING, value))
      .custom("hasFailedWithRetriesLeft", (value, where) -> where.add(Boolean.parseBoolean(String.valueOf(value))
          ? "(state = 'FAILED' AND retries > 0)" : "NOT (state = 'FAILED' AND retries > 0)"))
      .build();

  public static final SearchTable MESSAGE_SUBSCRIPTIONS = SearchTable
      .of("history_message_subscription", "message_subscription_key", "messageSubscriptionKey")
      .field("processDefinitionId", "bpmn_process_id", STRING)
      .field("processDefinitionKey", "process_definition_key", KEY)
      .field("processInstanceKey", "process_instance_key", KEY)
      .field("elementId", "element_id", STRING)
      .field("elementInstanceKey", "element_instance_key", KEY)
      .field("messageSubscriptionState", "state", STRING)
      .field("lastUpdatedDate", "last_updated_at", DATE)
      .field("messageName", "message_name", STRING)
      .field("correlationKey", "correlation_key", STRING)
      .field("tenantId", "tenant_id", STRING)
      .build();

  public static final SearchTable CORRELATED_MESSAGES = SearchTable
      .of("history_correlated_message", "position", "position")
      .field("messageKey", "message_key", KEY)
      .field("messageName", "message_name", STRING)
      .field("correlationKey", "correlation_key", STRING)
      .field("correlationTime", "correlated_at", DATE)
      .field("subscriptionKey", "subscription_key", KEY)
      .field("processInstanceKey", "process_instance_key", KEY)
      .field("processDefinitionKey", "process_definition_key", KEY)
      .field("processDefinitionId", "bpmn_process_id", STRING)
      .field("elementId", "element_id", STRING)
      .field("elementInstanceKey", "element_instance_key", KEY)
      .field("tenantId", "tenant_id", STRING)
      .custom("partitionId", (value, where) -> where.filter("partitionId", "1", INTEGER, value))
      .build();

  public static final SearchTable DECISION_DEFINITIONS = SearchTable
      .of("history_decision_definition", "decision_key", "decisionDefinitionKey")
      .field("decisionDefinitionId", "decision_id", STRING)
      .field("name", "name", STRING)
      .field("version", "version", INTEGER)
      .field("decisionRequirementsId", "decision_requirements_id", STRING)
      .field("decisionRequirementsKey", "decision_requirements_key", KEY)
      .field("tenantId", "tenant_id", STRING)
      .build();

  public static final SearchTable DECISION_REQUIREMENTS = SearchTable
      .of("history_decision_requirements", "decision_requirements_key", "decisionRequirementsKey")
      .field("decisionRequirementsId", "decision_requirements_id", STRING)
      .field("decisionRequirementsName", "name", STRING)
      .field("version", "version", INTEGER)
      .field("resourceName", "resource_name", STRING)
      .field("tenantId", "tenant_id", STRING)
      .build();

  public static final SearchTable DECISION_INSTANCES = SearchTable
      .of("history_decision_instance", "decision_instance_id", "decisionEvaluationInstanceKey")
      .field("decisionEvaluationKey", "decision_evaluation_key", KEY)
      .field("state", "state", STRING)
      .field("evaluationFailure", "failure_message", STRING)
      .field("evaluationDate", "evaluation_date", DATE)
      .field("decisionDefinitionId", "decision_id", STRING)
      .field("decisionDefinitionName", "decision_name", STRING)
      .field("decisionDefinitionVersion", "decision_version", INTEGER)
      .field("decisionDefinitionType", "decision_type", STRING)
      .field("decisionDefinitionKey", "decision_key", KEY)
      .field("processDefinitionKey", "process_definition_key", KEY)
      .field("processInstanceKey", "process_instance_key", KEY)
      .field("elementInstanceKey", "element_instance_key", KEY)
      .field("tenantId", "tenant_id", STRING)
      .build();

  /**
   * A variable value condition. Values are stored as JSON; callers send either JSON ({@code "\"north\""},
   * {@code 5}) or, as the Java client does for a map of values, the plain text ({@code north}): both
   * forms are accepted.
   */
  private static void variableValue(Object value, SqlConditions where) {
    Map<?, ?> operators = value instanceof Map<?, ?> map ? map : Map.of("$eq", value);
    for (Map.Entry<?, ?> entry : operators.entrySet()) {
      Object operand = entry.getValue();
      if (operand == null || operand instanceof List<?> list && list.isEmpty()) {
        continue;
      }
      String operator = String.valueOf(entry.getKey());
      List<Object> forms = new java.util.ArrayList<>();
      for (Object item : operand instanceof List<?> list ? list : List.of(operand)) {
        String text = String.valueOf(item);
        forms.add(text);
        forms.add(quoted(text));
      }
      String marks = String.join(", ", java.util.Collections.nCopies(forms.size(), "?"));
      switch (operator) {
        case "$eq", "$in" -> {
          // md5 first: it can use the (name, md5(value)) index; the values themselves may be too long to index
          List<Object> parameters = new java.util.ArrayList<>(forms);
          parameters.addAll(forms);
          String md5Marks = String.join(", ", java.util.Collections.nCopies(forms.size(), "md5(?)"));
          where.add("md5(v.value) IN (" + md5Marks + ") AND v.value IN (" + marks + ")", parameters.toArray());
        }
        case "$neq", "$notIn" -> where.add("v.value NOT IN (" + marks + ")", forms.toArray());
        case "$exists" -> where.add(Boolean.parseBoolean(String.valueOf(operand)) ? "TRUE" : "FALSE");
        case "$like" -> where.add("(v.value LIKE ? ESCAPE '\\' OR v.value LIKE ? ESCAPE '\\')",
            SqlConditions.like(String.valueOf(operand)), "\"" + SqlConditions.like(String.valueOf(operand)) + "\"");
        default -> throw new SearchQueryException("Expected a variable value filter with $eq, $neq, $in, $notIn, "
            + "$like or $exists, but found '" + operator + "'");
      }
    }
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /**
   * {@code variables: [{name, value}]}: instances that hold a variable of that name whose JSON value
   * matches (a plain value or operators, compared as JSON text, as the API defines).
   */
  @SuppressWarnings("unchecked")
  private static void variablesFilter(Object value, SqlConditions where) {
    if (!(value instanceof List<?> list)) {
      throw new SearchQueryException("Expected 'variables' to be a list of {name, value}, but found '" + value + "'");
    }
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> variable) || variable.get("name") == null) {
        throw new SearchQueryException("Expected each variable filter to have a name, but found '" + item + "'");
      }
      SqlConditions inner = new SqlConditions();
      inner.add("v.name = ?", String.valueOf(variable.get("name")));
      if (variable.get("value") != null) {
        variableValue(variable.get("value"), inner);
      }
      // uncorrelated: the (name, md5(value)) index finds the few matching variables first
      where.add("process_instance_key IN (SELECT v.process_instance_key FROM history_variable v WHERE "
          + inner.joined(" AND ") + ")", inner.parameters().toArray());
    }
  }

}
