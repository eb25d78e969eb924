package cn.relief.engine.history.search;

import static cn.relief.engine.history.search.FieldType.BOOLEAN;
import static cn.relief.engine.history.search.FieldType.DATE;
import static cn.relief.engine.history.search.FieldType.INTEGER;
import static cn.relief.engine.history.search.FieldType.KEY;
import static cn.relief.engine.history.search.FieldType.STRING;

import java.util.List;

/**
 * The searchable history tables, with the field names of the REST v2 API (camunda-client-java 8.8).
 * Every filter and sort field the client can send is known here; fields about features this engine
 * does not have (batch operations, execution listeners, tags) are constants, so that
 * a filter on them still answers correctly (nothing has a batch operation, every job is
 * undenied...).
 */
public final class HistoryTables {
  private HistoryTables() {}

  /** Search results show variable values up to this length and flag longer ones as truncated. */
  public static final int VARIABLE_PREVIEW_LENGTH = 8191;

  /**
   * What the generated client sends as sort field for the few sort methods whose name is missing
   * from its own field enumeration ({@code VariableSort.variableKey()},
   * {@code DecisionInstanceSort.decisionInstanceKey()} and {@code decisionInstanceId()}): all mean
   * the entity's key.
   */
  private static final String CLIENT_UNKNOWN_SORT_FIELD = "unknown_default_open_api";

  /** A job that failed and will be retried. */
  public static final String FAILED_WITH_RETRIES_LEFT = "(state = 'FAILED' AND retries > 0)";

  private static final SearchTable.Rows ELEMENT_INSTANCES_OF_INSTANCE =
      new SearchTable.Rows("history_element_instance", "process_instance_key", "TRUE");
  private static final SearchTable.Rows ACTIVE_INCIDENTS_OF_INSTANCE =
      new SearchTable.Rows("history_incident", "process_instance_key", "state = 'ACTIVE'");

  public static final SearchTable PROCESS_DEFINITIONS = SearchTable
      .of("history_process_definition", "process_definition_key", "processDefinitionKey")
      .field("processDefinitionId", "bpmn_process_id", STRING)
      .field("name", "name", STRING)
      .field("version", "version", INTEGER)
      .field("versionTag", "version_tag", STRING)
      .field("resourceName", "resource_name", STRING)
      .field("tenantId", "tenant_id", STRING)
      .filterOnly("hasStartForm", "(start_form_id IS NOT NULL)", BOOLEAN)
      .custom("isLatestVersion", (value, where) -> {
        if (Boolean.TRUE.equals(value) || "true".equals(String.valueOf(value))) {
          where.add("version = (SELECT max(d.version) FROM history_process_definition d "
              + "WHERE d.bpmn_process_id = history_process_definition.bpmn_process_id"
              + " AND d.tenant_id = history_process_definition.tenant_id)");
        }
      })
      .readableWith("PROCESS_DEFINITION", "READ_PROCESS_DEFINITION", "bpmn_process_id")
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
      .field("hasIncident", "(open_incidents > 0)", BOOLEAN)
      .filterOnly("batchOperationId", "NULL::text", STRING) // batch operations come with E5
      .custom("variables", VariableConditions::apply)
      .custom("tags", (value, where) -> {
        // instance tags are not kept: only an empty tag filter matches
        if (value instanceof List<?> tags && !tags.isEmpty()) {
          where.add("FALSE");
        }
      })
      .related("elementId", ELEMENT_INSTANCES_OF_INSTANCE, "element_id", STRING)
      .related("elementInstanceState", ELEMENT_INSTANCES_OF_INSTANCE, "state", STRING)
      .related("hasElementInstanceIncident", ELEMENT_INSTANCES_OF_INSTANCE, "(incident_key IS NOT NULL)", BOOLEAN)
      .related("errorMessage", ACTIVE_INCIDENTS_OF_INSTANCE, "error_message", STRING)
      // the hash Camunda gives an incident's error: Java's String.hashCode() of the message (see V24)
      .related("incidentErrorHashCode", ACTIVE_INCIDENTS_OF_INSTANCE, "history_java_hash(error_message)", INTEGER)
      // "whether the process has failed jobs with retries left" (true: has one; false: has none)
      .custom("hasRetriesLeft", instanceHasAny("history_job", FAILED_WITH_RETRIES_LEFT))
      .readableWith("PROCESS_DEFINITION", "READ_PROCESS_INSTANCE", "bpmn_process_id")
      .build();

  /**
   * Rows (of a table with {@code process_instance_key}) of the instance or of any instance it called,
   * directly or through called instances in turn.
   */
  public static SqlConditions inCallTree(long processInstanceKey) {
    SqlConditions where = new SqlConditions();
    where.add("process_instance_key IN (WITH RECURSIVE tree(key) AS (SELECT CAST(? AS BIGINT)"
        + " UNION ALL SELECT child.process_instance_key FROM history_process_instance child"
        + " JOIN tree ON child.parent_process_instance_key = tree.key) SELECT key FROM tree)", processInstanceKey);
    return where;
  }

  /** {@code true}: instances with a row in {@code table} meeting {@code condition}; {@code false}: without. */
  private static SearchTable.CustomFilter instanceHasAny(String table, String condition) {
    return (value, where) -> where.add("process_instance_key " + (Boolean.parseBoolean(String.valueOf(value))
        ? "" : "NOT ") + "IN (SELECT process_instance_key FROM " + table + " WHERE " + condition + ")");
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
      .field("hasIncident", "(incident_key IS NOT NULL)", BOOLEAN)
      .filterOnly("elementInstanceScopeKey", "flow_scope_key", KEY)
      .readableWith("PROCESS_DEFINITION", "READ_PROCESS_INSTANCE", "bpmn_process_id")
      .build();

  public static final SearchTable VARIABLES = SearchTable
      .of("history_variable", "variable_key", "variableKey")
      .field("name", "name", STRING)
      .field("value", "value", STRING)
      .field("scopeKey", "scope_key", KEY)
      .field("processInstanceKey", "process_instance_key", KEY)
      .field("tenantId", "tenant_id", STRING)
      // values are stored whole; search results shorten the long ones
      .filterOnly("isTruncated", "(length(value) > " + VARIABLE_PREVIEW_LENGTH + ")", BOOLEAN)
      .sortOnly(CLIENT_UNKNOWN_SORT_FIELD, "variable_key")
      .readableWith("PROCESS_DEFINITION", "READ_PROCESS_INSTANCE", "bpmn_process_id")
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
      .readableWith("PROCESS_DEFINITION", "READ_PROCESS_INSTANCE", "bpmn_process_id")
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
      .field("kind", "kind", STRING)
      .field("listenerEventType", "listener_event_type", STRING)
      .field("isDenied", "denied", BOOLEAN)
      .field("deniedReason", "denied_reason", STRING)
      .field("hasFailedWithRetriesLeft", FAILED_WITH_RETRIES_LEFT, BOOLEAN)
      .readableWith("PROCESS_DEFINITION", "READ_PROCESS_INSTANCE", "bpmn_process_id")
      .build();

  public static final SearchTable USER_TASKS = SearchTable
      .of("history_user_task", "user_task_key", "userTaskKey")
      .field("name", "name", STRING)
      .field("state", "state", STRING)
      .field("assignee", "assignee", STRING)
      .field("priority", "priority", INTEGER)
      .field("elementId", "element_id", STRING)
      .field("elementInstanceKey", "element_instance_key", KEY)
      .field("processInstanceKey", "process_instance_key", KEY)
      .field("processDefinitionKey", "process_definition_key", KEY)
      .field("processDefinitionId", "bpmn_process_id", STRING)
      .field("creationDate", "creation_date", DATE)
      .field("completionDate", "completion_date", DATE)
      .field("dueDate", "due_date", DATE)
      .field("followUpDate", "follow_up_date", DATE)
      .field("tenantId", "tenant_id", STRING)
      .custom("candidateUser", UserTaskCandidates.filter("candidateUser", "candidate_users"))
      .custom("candidateGroup", UserTaskCandidates.filter("candidateGroup", "candidate_groups"))
      .custom("processInstanceVariables", VariableConditions.on("process_instance_key", "v.process_instance_key"))
      .custom("localVariables", VariableConditions.on("element_instance_key", "v.scope_key"))
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
      .readableWith("PROCESS_DEFINITION", "READ_PROCESS_INSTANCE", "bpmn_process_id")
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
      .field("partitionId", "(message_key >> 51)::int", INTEGER) // keys carry their partition in the high bits
      .readableWith("PROCESS_DEFINITION", "READ_PROCESS_INSTANCE", "bpmn_process_id")
      .build();

  public static final SearchTable DECISION_DEFINITIONS = SearchTable
      .of("history_decision_definition", "decision_key", "decisionDefinitionKey")
      .field("decisionDefinitionId", "decision_id", STRING)
      .field("name", "name", STRING)
      .field("version", "version", INTEGER)
      .field("decisionRequirementsId", "decision_requirements_id", STRING)
      .field("decisionRequirementsKey", "decision_requirements_key", KEY)
      .field("tenantId", "tenant_id", STRING)
      .readableWith("DECISION_DEFINITION", "READ_DECISION_DEFINITION", "decision_id")
      .build();

  public static final SearchTable DECISION_REQUIREMENTS = SearchTable
      .of("history_decision_requirements", "decision_requirements_key", "decisionRequirementsKey")
      .field("decisionRequirementsId", "decision_requirements_id", STRING)
      .field("decisionRequirementsName", "name", STRING)
      .field("version", "version", INTEGER)
      .field("resourceName", "resource_name", STRING)
      .field("tenantId", "tenant_id", STRING)
      .readableWith("DECISION_REQUIREMENTS_DEFINITION", "READ", "decision_requirements_id")
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
      .sortOnly(CLIENT_UNKNOWN_SORT_FIELD, "decision_evaluation_key")
      .readableWith("DECISION_DEFINITION", "READ_DECISION_INSTANCE", "decision_id")
      .build();

  /** Batch operations with their progress; reading them needs BATCH READ (checked per call). */
  public static final SearchTable BATCH_OPERATIONS = SearchTable
      .of("history_batch_operation", "batch_operation_key", "batchOperationKey")
      .field("operationType", "type", STRING)
      .field("state", "state", STRING)
      .sortOnly("startDate", "start_date")
      .sortOnly("endDate", "end_date")
      .build();

  public static final SearchTable BATCH_OPERATION_ITEMS = SearchTable
      .of("history_batch_operation_item", "item_id", "itemId")
      .field("batchOperationKey", "batch_operation_key", KEY)
      .field("itemKey", "item_key", KEY)
      .field("processInstanceKey", "process_instance_key", KEY)
      .field("state", "state", STRING)
      .field("operationType", "type", STRING)
      .build();
}
