package cn.relief.engine.processing.command;

import cn.relief.engine.api.CommandRejectedException;
import cn.relief.engine.api.EngineApi;
import cn.relief.engine.api.RejectionType;
import cn.relief.engine.form.FieldViolation;
import cn.relief.engine.form.FormKeys;
import cn.relief.engine.form.FormValidator;
import cn.relief.engine.identity.TaskActor;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.processing.Rejections;
import cn.relief.engine.processing.bpmn.UserTaskDates;
import cn.relief.engine.processing.bpmn.BpmnElementProcessors;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.UserTaskRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.DeployedForm;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.ElementState;
import cn.relief.engine.state.UserTaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What people do to a user task: assign, unassign, update, complete. Each checks the command,
 * writes the transitional event and hands over to the task's listeners, which write the final one
 * (at once when there are none); a completion then lets the element go on. Each answers whether the
 * change took effect already, or waits for listeners.
 */
public final class UserTaskCommandProcessor {
  private final BpmnElementProcessors processors;

  public UserTaskCommandProcessor(BpmnElementProcessors processors) {
    this.processors = processors;
  }

  /** Assigns (or, with a null assignee, unassigns); without override an assigned task stays as it is. */
  public boolean assign(CommandContext ctx, TaskActor actor, long key, String assignee, boolean allowOverride,
      String action) {
    UserTaskState.Task task = require(ctx, key, Intent.UserTask.ASSIGN, "assign");
    permit(actor, task, Intent.UserTask.ASSIGN);
    String current = task.record().assignee();
    if (!allowOverride && current != null && !current.equals(assignee)) {
      throw Rejections.invalidState(Intent.UserTask.ASSIGN,
          "Expected to assign user task with key '%d' to '%s', but it is already assigned to '%s'; "
              + "allow the override to reassign it", key, assignee, current);
    }
    UserTaskRecord assigned = task.record().withAssignee(assignee, action);
    ctx.writer().appendEvent(key, ValueType.USER_TASK, Intent.UserTask.ASSIGNING, assigned);
    return processors.taskListeners().proceed(ctx, key);
  }

  public boolean update(CommandContext ctx, TaskActor actor, long key, EngineApi.UserTaskChanges changes,
      String action) {
    UserTaskState.Task task = require(ctx, key, Intent.UserTask.UPDATE, "update");
    permit(actor, task, Intent.UserTask.UPDATE);
    if (changes.priority() != null && (changes.priority() < 0 || changes.priority() > 100)) {
      throw Rejections.invalidArgument(Intent.UserTask.UPDATE,
          "Expected the priority of user task with key '%d' to be between 0 and 100, but found %d", key,
          changes.priority());
    }
    requireDate(key, "dueDate", changes.dueDate());
    requireDate(key, "followUpDate", changes.followUpDate());
    UserTaskRecord current = task.record();
    List<String> changed = new ArrayList<>();
    UserTaskRecord updated = current.updated(
        changed(changed, "candidateGroupsList", changes.candidateGroups(), current.candidateGroups()),
        changed(changed, "candidateUsersList", changes.candidateUsers(), current.candidateUsers()),
        clearable(changed(changed, "dueDate", changes.dueDate(), current.dueDate())),
        clearable(changed(changed, "followUpDate", changes.followUpDate(), current.followUpDate())),
        changed(changed, "priority", changes.priority(), current.priority()), List.copyOf(changed), action);
    ctx.writer().appendEvent(key, ValueType.USER_TASK, Intent.UserTask.UPDATING, updated);
    return processors.taskListeners().proceed(ctx, key);
  }

  public boolean complete(CommandContext ctx, TaskActor actor, long key, Map<String, Object> document,
      String action) {
    UserTaskState.Task task = require(ctx, key, Intent.UserTask.COMPLETE, "complete");
    permit(actor, task, Intent.UserTask.COMPLETE);
    ElementInstance element = ctx.state().elementInstances().get(task.record().elementInstanceKey());
    if (element == null || element.state() != ElementState.ACTIVATED) {
      throw Rejections.invalidState(Intent.UserTask.COMPLETE,
          "Expected to complete user task with key '%d' while its element '%s' is active, but it is in state '%s'",
          key, task.record().elementId(), element == null ? "TERMINATED" : element.state());
    }
    Map<String, Object> variables = document == null ? Map.of() : document;
    checkForm(ctx, task.record(), variables);
    UserTaskRecord completed = task.record().completed(variables, action);
    ctx.writer().appendEvent(key, ValueType.USER_TASK, Intent.UserTask.COMPLETING, completed);
    return processors.taskListeners().proceed(ctx, key);
  }

  /** Checked against the task as it is now: its assignee and candidates may have changed since the call. */
  private static void permit(TaskActor actor, UserTaskState.Task task, Intent.UserTask command) {
    UserTaskRecord record = task.record();
    if (!actor.mayActOn(record.assignee(), record.candidateUsers(), record.candidateGroups())) {
      throw new CommandRejectedException(RejectionType.FORBIDDEN, command.name(), actor.refusal(task.key()));
    }
    // a task someone has claimed is theirs to complete: a fellow candidate has to take it over first
    if (command == Intent.UserTask.COMPLETE && record.assignee() != null && !actor.administrator()
        && !record.assignee().equals(actor.username())) {
      throw new CommandRejectedException(RejectionType.FORBIDDEN, command.name(), "Expected user '"
          + actor.username() + "' to complete user task '" + task.key() + "' assigned to them, but it is assigned to '"
          + record.assignee() + "'; assign it to yourself first");
    }
  }

  /**
   * The submitted variables must satisfy the linked form's own rules, as the browser checked them:
   * otherwise nothing is completed and the rejection names each field.
   */
  private static void checkForm(CommandContext ctx, UserTaskRecord task, Map<String, Object> variables) {
    Long formKey = FormKeys.deployed(task.formKey());
    if (formKey == null) {
      return;
    }
    DeployedForm form = ctx.state().forms().byKey(formKey);
    if (form == null) {
      return;
    }
    List<FieldViolation> violations = FormValidator.validate(form.schema(), variables);
    if (!violations.isEmpty()) {
      StringBuilder fields = new StringBuilder();
      for (FieldViolation violation : violations) {
        fields.append(fields.isEmpty() ? "" : "; ").append(violation.field())
            .append(violation.label() == null ? "" : " (" + violation.label() + ")").append(": ")
            .append(violation.message());
      }
      throw Rejections.invalidArgument(Intent.UserTask.COMPLETE,
          "Expected the submitted variables to satisfy form '%s', but %d field(s) do not: %s",
          form.record().formId(), violations.size(), fields);
    }
  }

  /** The new value of an attribute the update names (recorded as changed), else the current one. */
  private static <T> T changed(List<String> changed, String name, T newValue, T currentValue) {
    if (newValue == null) {
      return currentValue;
    }
    changed.add(name);
    return newValue;
  }

  /** An empty date in an update clears the date, as in Camunda; a date is kept in one form (ISO 8601 with offset). */
  private static String clearable(String date) {
    return date == null || date.isBlank() ? null : UserTaskDates.normalize(date);
  }

  private static UserTaskState.Task require(CommandContext ctx, long key, Intent.UserTask command, String verb) {
    UserTaskState.Task task = ctx.state().userTasks().get(key);
    if (task == null) {
      throw Rejections.notFound(command,
          "Expected to %s user task with key '%d', but no such user task was found", verb, key);
    }
    if (task.state() != UserTaskState.LifecycleState.CREATED) {
      throw Rejections.invalidState(command,
          "Expected to %s user task with key '%d' in state 'CREATED', but it is in state '%s'", verb, key,
          task.state());
    }
    return task;
  }

  private static void requireDate(long key, String field, String value) {
    if (value != null && !value.isBlank() && UserTaskDates.normalize(value) == null) {
      throw Rejections.invalidArgument(Intent.UserTask.UPDATE,
          "Expected the %s of user task with key '%d' to be an ISO 8601 date-time with offset, but found '%s'",
          field, key, value);
    }
  }
}
