package cn.relief.engine.history;

import cn.relief.engine.record.IncidentRecord;
import cn.relief.engine.record.JobRecord;
import cn.relief.engine.record.MessageSubscriptionRecord;
import cn.relief.engine.record.ProcessInstanceMigrationRecord;
import cn.relief.engine.record.ProcessInstanceModificationRecord;
import cn.relief.engine.record.ProcessInstanceRecord;
import cn.relief.engine.record.Record;
import cn.relief.engine.record.UserTaskRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Projects a process instance migration: the rows of what moved (the instance, its active element
 * instances, jobs, user tasks, incidents, message subscriptions, and all its variables) now name
 * the target definition and elements, while what ended before keeps the version it ran under; and
 * the migration itself is a row of its own, as is each modification of a running case. Updates, not changes of batch rows: they run after the
 * batch's new rows are written, so they also reach rows of the same batch.
 */
final class MigrationProjection {
  static final HistoryTable MIGRATIONS = HistoryTable.of("history_process_instance_migration",
      "position", "process_instance_key", "source_process_definition_key", "target_process_definition_key",
      "bpmn_process_id", "mapping_instructions", "migrated_at", "tenant_id", "requested_by");
  static final HistoryTable MODIFICATIONS = HistoryTable.of("history_process_instance_modification",
      "position", "process_instance_key", "process_definition_key", "bpmn_process_id", "activate_instructions",
      "terminate_instructions", "activated_element_instance_keys", "terminated_element_instance_keys",
      "requested_by", "modified_at", "tenant_id");

  private final ObjectMapper json;
  private final DefinitionNames names;

  MigrationProjection(ObjectMapper json, DefinitionNames names) {
    this.json = json;
    this.names = names;
  }

  void element(HistoryBatch batch, Record record) throws SQLException {
    ProcessInstanceRecord element = (ProcessInstanceRecord) record.value();
    DefinitionNames.Definition definition = names.of(element.processDefinitionKey());
    if (record.key() == element.processInstanceKey()) {
      batch.update("""
          UPDATE history_process_instance SET process_definition_key = ?, bpmn_process_id = ?,
            process_definition_name = ?, version = ?, version_tag = ? WHERE process_instance_key = ?""",
          element.processDefinitionKey(), element.bpmnProcessId(), definition.name(), element.version(),
          definition.versionTag(), record.key());
      batch.update("UPDATE history_variable SET process_definition_key = ?, bpmn_process_id = ? "
          + "WHERE process_instance_key = ?", element.processDefinitionKey(), element.bpmnProcessId(), record.key());
    }
    String name = record.key() == element.processInstanceKey()
        ? definition.name() : names.elementName(element.processDefinitionKey(), element.elementId());
    batch.update("""
        UPDATE history_element_instance SET process_definition_key = ?, bpmn_process_id = ?, element_id = ?,
          element_name = ? WHERE element_instance_key = ?""",
        element.processDefinitionKey(), element.bpmnProcessId(), element.elementId(), name, record.key());
  }

  void job(HistoryBatch batch, Record record) throws SQLException {
    JobRecord job = (JobRecord) record.value();
    batch.update("UPDATE history_job SET process_definition_key = ?, bpmn_process_id = ?, element_id = ? "
        + "WHERE job_key = ?", job.processDefinitionKey(), job.bpmnProcessId(), job.elementId(), record.key());
  }

  void userTask(HistoryBatch batch, Record record) throws SQLException {
    UserTaskRecord task = (UserTaskRecord) record.value();
    String name = names.elementName(task.processDefinitionKey(), task.elementId());
    batch.update("""
        UPDATE history_user_task SET process_definition_key = ?, bpmn_process_id = ?, process_definition_version = ?,
          element_id = ?, name = ? WHERE user_task_key = ?""",
        task.processDefinitionKey(), task.bpmnProcessId(), task.processDefinitionVersion(), task.elementId(),
        name == null ? task.elementId() : name, record.key());
  }

  void incident(HistoryBatch batch, Record record) throws SQLException {
    IncidentRecord incident = (IncidentRecord) record.value();
    batch.update("UPDATE history_incident SET process_definition_key = ?, bpmn_process_id = ?, element_id = ? "
        + "WHERE incident_key = ?", incident.processDefinitionKey(), incident.bpmnProcessId(), incident.elementId(),
        record.key());
  }

  void messageSubscription(HistoryBatch batch, Record record) throws SQLException {
    MessageSubscriptionRecord subscription = (MessageSubscriptionRecord) record.value();
    batch.update("UPDATE history_message_subscription SET process_definition_key = ?, bpmn_process_id = ?, "
        + "element_id = ? WHERE message_subscription_key = ?", subscription.processDefinitionKey(),
        subscription.bpmnProcessId(), subscription.elementId(), record.key());
  }

  void migration(HistoryBatch batch, Record record, Timestamp at) {
    ProcessInstanceMigrationRecord migration = (ProcessInstanceMigrationRecord) record.value();
    String instructions;
    try {
      instructions = json.writeValueAsString(migration.mappingInstructions());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write mapping instructions", e);
    }
    batch.insert(MIGRATIONS, record.position(), migration.processInstanceKey(),
        migration.sourceProcessDefinitionKey(), migration.targetProcessDefinitionKey(), migration.bpmnProcessId(),
        instructions, at, migration.tenantId(), migration.requestedBy());
  }

  /** A modification of a running case: what was activated and terminated, and who asked. */
  void modification(HistoryBatch batch, Record record, Timestamp at) {
    ProcessInstanceModificationRecord modification = (ProcessInstanceModificationRecord) record.value();
    batch.insert(MODIFICATIONS, record.position(), modification.processInstanceKey(),
        modification.processDefinitionKey(), modification.bpmnProcessId(), write(modification.activateInstructions()),
        write(modification.terminateInstructions()), write(modification.activatedElementInstanceKeys()),
        write(modification.terminatedElementInstanceKeys()), modification.requestedBy(), at, modification.tenantId());
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write a modification's instructions", e);
    }
  }
}
