package cn.relief.engine.history;

import cn.relief.engine.record.Record;
import cn.relief.engine.record.UserTaskRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.sql.Timestamp;
import cn.relief.engine.processing.bpmn.UserTaskDates;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Projects USER_TASK events into {@code history_user_task}: the row is inserted on CREATED and
 * takes the task's attributes and state from every later final event (the transitional ones,
 * ASSIGNING, UPDATING..., leave it as it is, as Camunda's search shows them only with listeners).
 */
final class UserTaskProjection {
  static final HistoryTable USER_TASKS = HistoryTable.of("history_user_task",
      "user_task_key", "name", "state", "assignee", "candidate_users", "candidate_groups", "due_date", "follow_up_date",
      "priority", "form_id", "external_form_reference", "form_key", "element_id", "element_instance_key",
      "process_instance_key", "process_definition_key", "bpmn_process_id", "process_definition_version",
      "creation_date", "completion_date", "tenant_id");
  private static final String[] CHANGING = {"state", "assignee", "candidate_users", "candidate_groups", "due_date",
      "follow_up_date", "priority", "completion_date"};
  private static final String UPDATE = "UPDATE history_user_task SET " + String.join(" = ?, ", CHANGING)
      + " = ? WHERE user_task_key = ?";

  private final ObjectMapper json;
  private final DefinitionNames names;

  UserTaskProjection(ObjectMapper json, DefinitionNames names) {
    this.json = json;
    this.names = names;
  }

  void project(HistoryBatch batch, Record record, Timestamp at) throws SQLException {
    UserTaskRecord task = (UserTaskRecord) record.value();
    String state = switch (record.intent()) {
      case "CREATED", "ASSIGNED", "UPDATED" -> "CREATED";
      case "COMPLETED" -> "COMPLETED";
      case "CANCELED" -> "CANCELED";
      default -> null;
    };
    if (state == null) {
      return;
    }
    if ("CREATED".equals(record.intent())) {
      // a task is named after its element, as in Camunda
      String name = names.elementName(task.processDefinitionKey(), task.elementId());
      batch.insert(USER_TASKS, record.key(), name == null ? task.elementId() : name, state, task.assignee(), write(task.candidateUsers()),
          write(task.candidateGroups()), date(task.dueDate()), date(task.followUpDate()), task.priority(),
          task.formId(), task.externalFormReference(), task.formKey(), task.elementId(), task.elementInstanceKey(),
          task.processInstanceKey(), task.processDefinitionKey(), task.bpmnProcessId(),
          task.processDefinitionVersion(), new Timestamp(task.creationTimestamp()), null, task.tenantId());
      return;
    }
    Object[] values = {state, task.assignee(), write(task.candidateUsers()), write(task.candidateGroups()),
        date(task.dueDate()), date(task.followUpDate()), task.priority(), "CREATED".equals(state) ? null : at};
    if (batch.value(USER_TASKS, record.key(), USER_TASKS.column("state")) != null) {
      for (int i = 0; i < CHANGING.length; i++) {
        batch.change(USER_TASKS, record.key(), USER_TASKS.column(CHANGING[i]), values[i]);
      }
      return;
    }
    Object[] parameters = java.util.Arrays.copyOf(values, values.length + 1);
    parameters[values.length] = record.key();
    batch.update(UPDATE, parameters);
  }

  /** A date the engine wrote; one it could not have written is left out rather than stopping the history. */
  private static Timestamp date(String isoDateTime) {
    String normalized = isoDateTime == null ? null : UserTaskDates.normalize(isoDateTime);
    return normalized == null ? null : Timestamp.from(OffsetDateTime.parse(normalized).toInstant());
  }

  private String write(List<String> values) {
    try {
      return json.writeValueAsString(values == null ? List.of() : values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write " + values, e);
    }
  }
}
