package cn.relief.engine.history;

import cn.relief.engine.bpmn.BpmnElementType;
import cn.relief.engine.record.DecisionEvaluationRecord;
import cn.relief.engine.record.DecisionRecord;
import cn.relief.engine.record.DecisionRequirementsRecord;
import cn.relief.engine.record.FormRecord;
import cn.relief.engine.record.IncidentRecord;
import cn.relief.engine.record.JobRecord;
import cn.relief.engine.record.MessageStartEventSubscriptionRecord;
import cn.relief.engine.record.MessageSubscriptionRecord;
import cn.relief.engine.record.ProcessInstanceRecord;
import cn.relief.engine.record.ProcessRecord;
import cn.relief.engine.record.Record;
import cn.relief.engine.record.RecordType;
import cn.relief.engine.record.VariableRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/**
 * Turns committed events into rows of the history tables: one method per kind of record. Names,
 * version tags and root instances come from rows written before (definitions are always projected
 * before their instances), cached here for the batch.
 */
final class HistoryProjection {
  static final HistoryTable PROCESS_DEFINITIONS = HistoryTable.of("history_process_definition",
      "process_definition_key", "bpmn_process_id", "name", "version", "version_tag", "resource_name", "bpmn_xml",
      "deployment_key", "tenant_id", "deployed_at", "start_form_id", "start_form_binding", "start_form_version_tag");
  static final HistoryTable PROCESS_INSTANCES = HistoryTable.of("history_process_instance",
      "process_instance_key", "process_definition_key", "bpmn_process_id", "process_definition_name", "version",
      "version_tag", "state", "start_date", "end_date", "parent_process_instance_key", "parent_element_instance_key",
      "root_process_instance_key", "open_incidents", "tenant_id");
  private static final int PROCESS_STATE = PROCESS_INSTANCES.column("state");
  private static final int PROCESS_END = PROCESS_INSTANCES.column("end_date");
  private static final int PROCESS_OPEN_INCIDENTS = PROCESS_INSTANCES.column("open_incidents");
  static final HistoryTable ELEMENT_INSTANCES = HistoryTable.of("history_element_instance",
      "element_instance_key", "process_instance_key", "process_definition_key", "bpmn_process_id", "element_id",
      "element_name", "element_type", "event_type", "state", "start_date", "end_date", "flow_scope_key",
      "incident_key", "tenant_id");
  private static final int ELEMENT_STATE = ELEMENT_INSTANCES.column("state");
  private static final int ELEMENT_END = ELEMENT_INSTANCES.column("end_date");
  private static final int ELEMENT_INCIDENT = ELEMENT_INSTANCES.column("incident_key");
  static final HistoryTable SEQUENCE_FLOWS = HistoryTable.of("history_sequence_flow",
      "sequence_flow_key", "process_instance_key", "process_definition_key", "bpmn_process_id", "element_id",
      "taken_at", "tenant_id");
  static final HistoryTable VARIABLES = HistoryTable.of("history_variable",
      "variable_key", "name", "value", "scope_key", "process_instance_key", "process_definition_key",
      "bpmn_process_id", "tenant_id", "updated_at", "created_position", "created_at");
  private static final int VARIABLE_NAME = VARIABLES.column("name");
  private static final int VARIABLE_VALUE = VARIABLES.column("value");
  private static final int VARIABLE_SCOPE = VARIABLES.column("scope_key");
  private static final int VARIABLE_INSTANCE = VARIABLES.column("process_instance_key");
  private static final int VARIABLE_UPDATED = VARIABLES.column("updated_at");
  private static final int VARIABLE_CREATED_POSITION = VARIABLES.column("created_position");
  private static final int VARIABLE_CREATED_AT = VARIABLES.column("created_at");
  /** A variable's first value as a change, from its row: run before the row takes the new value. */
  private static final String FIRST_VALUE_AS_CHANGE = """
      INSERT INTO history_variable_change (position, variable_key, name, value, scope_key, process_instance_key,
        intent, changed_at)
      SELECT created_position, variable_key, name, value, scope_key, process_instance_key, 'CREATED', created_at
      FROM history_variable WHERE variable_key = ? AND created_position IS NOT NULL ON CONFLICT DO NOTHING""";
  static final HistoryTable VARIABLE_CHANGES = HistoryTable.of("history_variable_change",
      "position", "variable_key", "name", "value", "scope_key", "process_instance_key", "intent", "changed_at");
  static final HistoryTable INCIDENTS = HistoryTable.of("history_incident",
      "incident_key", "error_type", "error_message", "state", "process_instance_key", "process_definition_key",
      "bpmn_process_id", "element_id", "element_instance_key", "job_key", "root_process_instance_key",
      "creation_time", "tenant_id");
  static final HistoryTable JOBS = HistoryTable.of("history_job",
      "job_key", "type", "worker", "state", "retries", "deadline", "error_code", "error_message", "custom_headers",
      "process_instance_key", "process_definition_key", "bpmn_process_id", "element_id", "element_instance_key",
      "created_at", "end_time", "tenant_id", "kind", "listener_event_type", "denied", "denied_reason");
  private static final int JOB_WORKER = JOBS.column("worker");
  private static final int JOB_STATE = JOBS.column("state");
  private static final int JOB_RETRIES = JOBS.column("retries");
  private static final int JOB_DEADLINE = JOBS.column("deadline");
  private static final int JOB_ERROR_CODE = JOBS.column("error_code");
  private static final int JOB_ERROR_MESSAGE = JOBS.column("error_message");
  private static final int JOB_END = JOBS.column("end_time");
  private static final int JOB_DENIED = JOBS.column("denied");
  private static final int JOB_DENIED_REASON = JOBS.column("denied_reason");
  static final HistoryTable MESSAGE_SUBSCRIPTIONS = HistoryTable.of("history_message_subscription",
      "message_subscription_key", "process_instance_key", "process_definition_key", "bpmn_process_id", "element_id",
      "element_instance_key", "message_name", "correlation_key", "state", "last_updated_at", "tenant_id");
  private static final int SUBSCRIPTION_STATE = MESSAGE_SUBSCRIPTIONS.column("state");
  private static final int SUBSCRIPTION_UPDATED = MESSAGE_SUBSCRIPTIONS.column("last_updated_at");
  static final HistoryTable CORRELATED_MESSAGES = HistoryTable.of("history_correlated_message",
      "position", "message_key", "message_name", "correlation_key", "subscription_key", "process_instance_key",
      "process_definition_key", "bpmn_process_id", "element_id", "element_instance_key", "correlated_at",
      "tenant_id");
  static final HistoryTable DECISION_DEFINITIONS = HistoryTable.of("history_decision_definition",
      "decision_key", "decision_id", "name", "version", "version_tag", "decision_requirements_key",
      "decision_requirements_id", "tenant_id");
  static final HistoryTable DECISION_REQUIREMENTS = HistoryTable.of("history_decision_requirements",
      "decision_requirements_key", "decision_requirements_id", "name", "version", "resource_name", "dmn_xml",
      "tenant_id");
  static final HistoryTable FORMS = HistoryTable.of("history_form",
      "form_key", "form_id", "version", "version_tag", "resource_name", "schema", "deployment_key", "tenant_id",
      "deployed_at");
  static final HistoryTable DECISION_INSTANCES = HistoryTable.of("history_decision_instance",
      "decision_instance_id", "decision_evaluation_key", "state", "evaluation_date", "decision_key", "decision_id",
      "decision_name", "decision_version", "decision_type", "result", "evaluated_inputs", "matched_rules",
      "failure_message", "process_instance_key", "process_definition_key", "element_instance_key", "tenant_id");

  private final ObjectMapper json;
  private final DefinitionNames names;
  private final UserTaskProjection userTasks;
  private final MigrationProjection migrations;
  private final BatchOperationProjection batchOperations = new BatchOperationProjection();

  HistoryProjection(ObjectMapper json, DefinitionNames names) {
    this.json = json;
    this.names = names;
    this.userTasks = new UserTaskProjection(json, names);
    this.migrations = new MigrationProjection(json, names);
  }

  void project(HistoryBatch batch, Record record) throws SQLException {
    if (record.recordType() != RecordType.EVENT) {
      return;
    }
    Timestamp at = new Timestamp(record.timestamp());
    if (record.intent().endsWith("MIGRATED")) {
      migrated(batch, record, at);
      return;
    }
    switch (record.valueType()) {
      case PROCESS -> processDefinition(batch, record, at);
      case PROCESS_INSTANCE -> processInstance(batch, record, at);
      case VARIABLE -> variable(batch, record, at);
      case INCIDENT -> incident(batch, record, at);
      case JOB -> job(batch, record, at);
      case USER_TASK -> userTasks.project(batch, record, at);
      case MESSAGE_SUBSCRIPTION -> messageSubscription(batch, record, at);
      case MESSAGE_START_EVENT_SUBSCRIPTION -> messageStartEvent(batch, record, at);
      case DECISION -> decision(batch, record);
      case DECISION_REQUIREMENTS -> decisionRequirements(batch, record);
      case DECISION_EVALUATION -> decisionEvaluation(batch, record, at);
      case FORM -> form(batch, record, at);
      case BATCH_OPERATION -> batchOperations.project(batch, record, at);
      case PROCESS_INSTANCE_MODIFICATION -> migrations.modification(batch, record, at);
      default -> {
        // other records (deployments, timers, signals, clock...) have no history table of their own
      }
    }
  }

  private void migrated(HistoryBatch batch, Record record, Timestamp at) throws SQLException {
    switch (record.valueType()) {
      case PROCESS_INSTANCE -> migrations.element(batch, record);
      case JOB -> migrations.job(batch, record);
      case USER_TASK -> migrations.userTask(batch, record);
      case INCIDENT -> migrations.incident(batch, record);
      case MESSAGE_SUBSCRIPTION -> migrations.messageSubscription(batch, record);
      case PROCESS_INSTANCE_MIGRATION -> migrations.migration(batch, record, at);
      default -> {
        // timers and signal subscriptions have no history rows
      }
    }
  }

  private void processDefinition(HistoryBatch batch, Record record, Timestamp at) throws SQLException {
    ProcessRecord process = (ProcessRecord) record.value();
    DefinitionNames.Definition definition = names.remember(record.key(), process);
    DefinitionNames.StartForm form = definition.startForm();
    batch.insert(PROCESS_DEFINITIONS,
        record.key(), process.bpmnProcessId(), definition.name(), process.version(), definition.versionTag(),
        process.resourceName(), process.resource(), process.deploymentKey(), process.tenantId(), at,
        form == null ? null : form.formId(), form == null ? null : form.binding(), form == null ? null : form.versionTag());
  }

  private void processInstance(HistoryBatch batch, Record record, Timestamp at) throws SQLException {
    ProcessInstanceRecord value = (ProcessInstanceRecord) record.value();
    String intent = record.intent();
    if (value.bpmnElementType() == BpmnElementType.SEQUENCE_FLOW) {
      batch.insert(SEQUENCE_FLOWS,
          record.key(), value.processInstanceKey(), value.processDefinitionKey(), value.bpmnProcessId(),
          value.elementId(), at, value.tenantId());
      return;
    }
    boolean process = value.bpmnElementType() == BpmnElementType.PROCESS;
    if ("ELEMENT_ACTIVATING".equals(intent)) {
      DefinitionNames.Definition definition = names.of(value.processDefinitionKey());
      if (process) {
        long parentInstance = value.parentProcessInstanceKey() > 0 ? value.parentProcessInstanceKey() : 0;
        batch.insert(PROCESS_INSTANCES,
            record.key(), value.processDefinitionKey(), value.bpmnProcessId(), definition.name(), value.version(),
            definition.versionTag(), "ACTIVE", at, null, parentInstance > 0 ? parentInstance : null,
            value.parentElementInstanceKey() > 0 ? value.parentElementInstanceKey() : null,
            names.rootOf(record.key(), parentInstance), 0, value.tenantId());
      }
      batch.insert(ELEMENT_INSTANCES,
          record.key(), value.processInstanceKey(), value.processDefinitionKey(), value.bpmnProcessId(),
          value.elementId(), process ? definition.name() : names.elementName(value.processDefinitionKey(), value.elementId()),
          value.bpmnElementType().name(), value.bpmnEventType() == null ? "UNSPECIFIED" : value.bpmnEventType().name(),
          "ACTIVE", at, null, value.flowScopeKey() > 0 ? value.flowScopeKey() : null, null, value.tenantId());
    } else if ("ELEMENT_COMPLETED".equals(intent) || "ELEMENT_TERMINATED".equals(intent)) {
      String state = "ELEMENT_COMPLETED".equals(intent) ? "COMPLETED" : "TERMINATED";
      if (batch.change(ELEMENT_INSTANCES, record.key(), ELEMENT_STATE, state)) {
        batch.change(ELEMENT_INSTANCES, record.key(), ELEMENT_END, at);
      } else {
        batch.update("UPDATE history_element_instance SET state = ?, end_date = ? WHERE element_instance_key = ?",
            state, at, record.key());
      }
      if (process) {
        if (batch.change(PROCESS_INSTANCES, record.key(), PROCESS_STATE, state)) {
          batch.change(PROCESS_INSTANCES, record.key(), PROCESS_END, at);
        } else {
          batch.update("UPDATE history_process_instance SET state = ?, end_date = ? WHERE process_instance_key = ?",
              state, at, record.key());
        }
        names.forgetInstance(record.key());
      }
    }
  }

  /**
   * The variable's current value, and every change: a variable that never changes (most) has only
   * its row; at its first change its first value becomes a change too, then the new one.
   */
  private void variable(HistoryBatch batch, Record record, Timestamp at) throws SQLException {
    VariableRecord variable = (VariableRecord) record.value();
    if ("CREATED".equals(record.intent())) {
      batch.insert(VARIABLES,
          record.key(), variable.name(), variable.value(), variable.scopeKey(), variable.processInstanceKey(),
          variable.processDefinitionKey(), variable.bpmnProcessId(), variable.tenantId(), at, record.position(), at);
      return;
    }
    Object[] created = batch.row(VARIABLES, record.key());
    if (created != null) {
      // created in this batch: its first value is still in memory
      Object createdPosition = created[VARIABLE_CREATED_POSITION];
      if (batch.row(VARIABLE_CHANGES, createdPosition) == null) {
        batch.insert(VARIABLE_CHANGES, createdPosition, record.key(), created[VARIABLE_NAME], created[VARIABLE_VALUE],
            created[VARIABLE_SCOPE], created[VARIABLE_INSTANCE], "CREATED", created[VARIABLE_CREATED_AT]);
      }
      created[VARIABLE_VALUE] = variable.value();
      created[VARIABLE_UPDATED] = at;
    } else {
      batch.update(FIRST_VALUE_AS_CHANGE, record.key());
      batch.update("UPDATE history_variable SET value = ?, updated_at = ? WHERE variable_key = ?",
          variable.value(), at, record.key());
    }
    batch.insert(VARIABLE_CHANGES,
        record.position(), record.key(), variable.name(), variable.value(), variable.scopeKey(),
        variable.processInstanceKey(), record.intent(), at);
  }

  private void incident(HistoryBatch batch, Record record, Timestamp at) throws SQLException {
    IncidentRecord incident = (IncidentRecord) record.value();
    if ("CREATED".equals(record.intent())) {
      Long root = incident.elementInstancePath() == null || incident.elementInstancePath().isEmpty()
          ? null : incident.elementInstancePath().get(0).get(0);
      batch.insert(INCIDENTS,
          record.key(), incident.errorType(), incident.errorMessage(), "ACTIVE", incident.processInstanceKey(),
          incident.processDefinitionKey(), incident.bpmnProcessId(), incident.elementId(),
          incident.elementInstanceKey(), incident.jobKey() > 0 ? incident.jobKey() : null, root, at,
          incident.tenantId());
      if (!batch.change(ELEMENT_INSTANCES, incident.elementInstanceKey(), ELEMENT_INCIDENT, record.key())) {
        batch.update("UPDATE history_element_instance SET incident_key = ? WHERE element_instance_key = ?",
            record.key(), incident.elementInstanceKey());
      }
      Object open = batch.value(PROCESS_INSTANCES, incident.processInstanceKey(), PROCESS_OPEN_INCIDENTS);
      if (open != null) {
        batch.change(PROCESS_INSTANCES, incident.processInstanceKey(), PROCESS_OPEN_INCIDENTS,
            ((Number) open).intValue() + 1);
      } else {
        batch.update("UPDATE history_process_instance SET open_incidents = open_incidents + 1 "
            + "WHERE process_instance_key = ?", incident.processInstanceKey());
      }
    } else if ("RESOLVED".equals(record.intent())) {
      batch.update("UPDATE history_incident SET state = 'RESOLVED', resolved_at = ? WHERE incident_key = ?",
          at, record.key());
      batch.update("UPDATE history_element_instance SET incident_key = NULL WHERE element_instance_key = ? "
          + "AND incident_key = ?", incident.elementInstanceKey(), record.key());
      batch.update("UPDATE history_process_instance SET open_incidents = GREATEST(0, open_incidents - 1) "
          + "WHERE process_instance_key = ?", incident.processInstanceKey());
    }
  }

  private void job(HistoryBatch batch, Record record, Timestamp at) throws SQLException {
    JobRecord job = (JobRecord) record.value();
    // the states of the REST v2 job search: an activated job is still CREATED (with a worker)
    String state = switch (record.intent()) {
      case "CREATED", "YIELDED", "RECURRED_AFTER_BACKOFF", "ACTIVATED" -> "CREATED";
      case "TIMED_OUT" -> "TIMED_OUT";
      case "COMPLETED" -> "COMPLETED";
      case "FAILED" -> "FAILED";
      case "CANCELED" -> "CANCELED";
      case "ERROR_THROWN" -> "ERROR_THROWN";
      case "RETRIES_UPDATED" -> "RETRIES_UPDATED";
      case "TIMEOUT_UPDATED" -> "TIMEOUT_UPDATED";
      default -> null;
    };
    if (state == null) {
      return;
    }
    Timestamp deadline = job.deadline() > 0 ? new Timestamp(job.deadline()) : null;
    if ("CREATED".equals(record.intent())) {
      batch.insert(JOBS, record.key(), job.type(), null, "CREATED", job.retries(), null,
          null, null, write(job.customHeaders()), job.processInstanceKey(), job.processDefinitionKey(),
          job.bpmnProcessId(), job.elementId(), job.elementInstanceKey(), at, null, job.tenantId(), job.kind(),
          job.eventType(), false, null);
      return;
    }
    if ("TIMEOUT_UPDATED".equals(state)) {
      if (!batch.change(JOBS, record.key(), JOB_DEADLINE, deadline)) {
        batch.update("UPDATE history_job SET deadline = ? WHERE job_key = ?", deadline, record.key());
      }
      return;
    }
    boolean ended = "COMPLETED".equals(state) || "CANCELED".equals(state);
    Object[] values = {state, job.worker(), job.retries(), deadline, job.errorCode(), job.errorMessage(),
        ended ? at : null, job.denied(), job.deniedReason()};
    int[] columns = {JOB_STATE, JOB_WORKER, JOB_RETRIES, JOB_DEADLINE, JOB_ERROR_CODE, JOB_ERROR_MESSAGE, JOB_END,
        JOB_DENIED, JOB_DENIED_REASON};
    if (batch.change(JOBS, record.key(), columns[0], values[0])) {
      for (int i = 1; i < columns.length; i++) {
        batch.change(JOBS, record.key(), columns[i], values[i]);
      }
      return;
    }
    batch.update("""
        UPDATE history_job SET state = ?, worker = ?, retries = ?, deadline = ?, error_code = ?, error_message = ?,
          end_time = ?, denied = ?, denied_reason = ? WHERE job_key = ?""",
        state, job.worker(), job.retries(), deadline, job.errorCode(), job.errorMessage(), ended ? at : null,
        job.denied(), job.deniedReason(), record.key());
  }

  private void messageSubscription(HistoryBatch batch, Record record, Timestamp at) throws SQLException {
    MessageSubscriptionRecord subscription = (MessageSubscriptionRecord) record.value();
    switch (record.intent()) {
      case "CREATED" -> batch.insert(MESSAGE_SUBSCRIPTIONS,
          record.key(), subscription.processInstanceKey(), subscription.processDefinitionKey(),
          subscription.bpmnProcessId(), subscription.elementId(), subscription.elementInstanceKey(),
          subscription.messageName(), subscription.correlationKey(), "CREATED", at, subscription.tenantId());
      case "CORRELATED" -> {
        if (batch.change(MESSAGE_SUBSCRIPTIONS, record.key(), SUBSCRIPTION_STATE, "CORRELATED")) {
          batch.change(MESSAGE_SUBSCRIPTIONS, record.key(), SUBSCRIPTION_UPDATED, at);
        } else {
          batch.update("UPDATE history_message_subscription SET state = 'CORRELATED', last_updated_at = ? "
              + "WHERE message_subscription_key = ?", at, record.key());
        }
        batch.insert(CORRELATED_MESSAGES,
            record.position(), subscription.messageKey(), subscription.messageName(), subscription.correlationKey(),
            record.key(), subscription.processInstanceKey(), subscription.processDefinitionKey(),
            subscription.bpmnProcessId(), subscription.elementId(), subscription.elementInstanceKey(), at,
            subscription.tenantId());
      }
      case "DELETED" -> {
        Object state = batch.value(MESSAGE_SUBSCRIPTIONS, record.key(), SUBSCRIPTION_STATE);
        if (state == null) {
          batch.update("UPDATE history_message_subscription SET state = 'DELETED', "
              + "last_updated_at = ? WHERE message_subscription_key = ? AND state <> 'CORRELATED'", at, record.key());
        } else if (!"CORRELATED".equals(state)) {
          batch.change(MESSAGE_SUBSCRIPTIONS, record.key(), SUBSCRIPTION_STATE, "DELETED");
          batch.change(MESSAGE_SUBSCRIPTIONS, record.key(), SUBSCRIPTION_UPDATED, at);
        }
      }
      default -> {
        // nothing else happens to a subscription
      }
    }
  }

  private void messageStartEvent(HistoryBatch batch, Record record, Timestamp at) throws SQLException {
    if (!"CORRELATED".equals(record.intent())) {
      return;
    }
    MessageStartEventSubscriptionRecord start = (MessageStartEventSubscriptionRecord) record.value();
    batch.insert(CORRELATED_MESSAGES,
        record.position(), start.messageKey(), start.messageName(), start.correlationKey(), record.key(),
        start.processInstanceKey(), start.processDefinitionKey(), start.bpmnProcessId(), start.startEventId(), null,
        at, start.tenantId());
  }

  private void form(HistoryBatch batch, Record record, Timestamp at) {
    FormRecord form = (FormRecord) record.value();
    batch.insert(FORMS, record.key(), form.formId(), form.version(), form.versionTag(), form.resourceName(),
        form.resource(), form.deploymentKey(), form.tenantId(), at);
  }

  private void decision(HistoryBatch batch, Record record) throws SQLException {
    DecisionRecord decision = (DecisionRecord) record.value();
    batch.insert(DECISION_DEFINITIONS,
        record.key(), decision.decisionId(), decision.decisionName(), decision.version(), decision.versionTag(),
        decision.decisionRequirementsKey(), decision.decisionRequirementsId(), decision.tenantId());
  }

  private void decisionRequirements(HistoryBatch batch, Record record) throws SQLException {
    DecisionRequirementsRecord requirements = (DecisionRequirementsRecord) record.value();
    batch.insert(DECISION_REQUIREMENTS,
        record.key(), requirements.decisionRequirementsId(), requirements.decisionRequirementsName(),
        requirements.version(), requirements.resourceName(), requirements.resource(), requirements.tenantId());
  }

  /** One row per evaluated decision (the called one last), as the REST v2 API counts decision instances. */
  private void decisionEvaluation(HistoryBatch batch, Record record, Timestamp at) throws SQLException {
    DecisionEvaluationRecord evaluation = (DecisionEvaluationRecord) record.value();
    boolean failed = "FAILED".equals(record.intent());
    List<DecisionEvaluationRecord.EvaluatedDecision> evaluated = evaluation.evaluatedDecisions();
    if (evaluated == null || evaluated.isEmpty()) {
      // nothing was evaluated (e.g. no such decision): the failure is still a decision instance
      insertDecisionInstance(batch, record, at, evaluation, 1, "FAILED", evaluation.decisionKey(),
          evaluation.decisionId(), evaluation.decisionName(), evaluation.decisionVersion(), null, null, List.of(),
          List.of());
      return;
    }
    for (int i = 0; i < evaluated.size(); i++) {
      DecisionEvaluationRecord.EvaluatedDecision decision = evaluated.get(i);
      boolean last = i == evaluated.size() - 1;
      insertDecisionInstance(batch, record, at, evaluation, i + 1, failed && last ? "FAILED" : "EVALUATED",
          decision.decisionKey(), decision.decisionId(), decision.decisionName(), decision.decisionVersion(),
          decision.decisionType(), decision.decisionOutput(), decision.evaluatedInputs(), decision.matchedRules());
    }
  }

  private void insertDecisionInstance(HistoryBatch batch, Record record, Timestamp at,
      DecisionEvaluationRecord evaluation, int index, String state, long decisionKey, String decisionId,
      String decisionName, int version, String type, String output, Object inputs, Object rules)
      throws SQLException {
    batch.insert(DECISION_INSTANCES,
        record.key() + "-" + index, record.key(), state, at, decisionKey > 0 ? decisionKey : null, decisionId,
        decisionName, version, type, output, write(inputs == null ? List.of() : inputs),
        write(rules == null ? List.of() : rules), "FAILED".equals(state) ? evaluation.evaluationFailureMessage() : null,
        evaluation.processInstanceKey() > 0 ? evaluation.processInstanceKey() : null,
        evaluation.processDefinitionKey() > 0 ? evaluation.processDefinitionKey() : null,
        evaluation.elementInstanceKey() > 0 ? evaluation.elementInstanceKey() : null, evaluation.tenantId());
  }

  private String write(Object value) {
    try {
      return value == null ? null : json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A record value that was logged can be written again", e);
    }
  }
}
