package cn.relief.engine.processing.bpmn;

import cn.relief.engine.api.CommandRejectedException;
import cn.relief.engine.api.EngineApi.Corrections;
import cn.relief.engine.api.EngineApi.JobResult;
import cn.relief.engine.bpmn.TaskListener;
import cn.relief.engine.feel.EvaluationResult;
import cn.relief.engine.feel.ExpressionLanguage;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.processing.Rejections;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.JobRecord;
import cn.relief.engine.record.UserTaskRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.ElementState;
import cn.relief.engine.state.UserTaskState;
import cn.relief.engine.state.UserTaskState.LifecycleState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a user task's listeners, as Camunda 8.8 does: once the transitional event (ASSIGNING,
 * UPDATING, COMPLETING) is written, one job per listener of that event type is created in model
 * order, each after the previous one completed. A worker may correct the task's attributes (the
 * next listeners and the final event see the corrections) or deny the change, which leaves the task
 * as it was. Only when the last listener lets it pass does the change take effect.
 */
public final class TaskListenerBehavior {
  private final ExpressionLanguage expressions;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;
  private final BpmnElementProcessors processors;
  private final UserTaskReplies replies;

  TaskListenerBehavior(ExpressionLanguage expressions, VariableBehavior variables, IncidentBehavior incidents,
      BpmnElementProcessors processors, UserTaskReplies replies) {
    this.expressions = expressions;
    this.variables = variables;
    this.incidents = incidents;
    this.processors = processors;
    this.replies = replies;
  }

  /**
   * After the transitional event: creates the next listener's job, or, when every listener has let
   * the change pass, writes the final event. Answers whether the change took effect already.
   */
  public boolean proceed(CommandContext ctx, long userTaskKey) {
    UserTaskState.Task task = ctx.state().userTasks().get(userTaskKey);
    ElementInstance element = ctx.state().elementInstances().get(task.record().elementInstanceKey());
    BpmnElementContext context = processors.contextOf(ctx, element);
    List<TaskListener> listeners = context.element().userTask().listeners(eventType(task.state()));
    if (task.listenersDone() < listeners.size()) {
      createJob(context, task, listeners.get(task.listenersDone()));
      return false;
    }
    finish(ctx, task, element, context);
    return true;
  }

  /** An incident on creating a listener's job was resolved: try again. */
  public void retry(BpmnElementContext element) {
    UserTaskState.Task task = element.command().state().userTasks().ofElementInstance(element.key());
    if (task != null && task.inTransition()) {
      proceed(element.command(), task.key());
    }
  }

  /** Checks a listener's result before its job is completed: nothing is written for a bad one. */
  public static void validate(long jobKey, JobRecord job, Map<String, Object> variables, JobResult result) {
    if (variables != null && !variables.isEmpty()) {
      throw Rejections.invalidArgument(Intent.Job.COMPLETE,
          "Expected to complete task listener job with key '%d' without variables, but it had %s; a task listener "
              + "may correct the task's attributes or deny the change, but not set process variables",
          jobKey, variables.keySet());
    }
    Corrections corrections = result == null ? null : result.corrections();
    if (corrections == null) {
      return;
    }
    if (corrections.priority() != null && (corrections.priority() < 0 || corrections.priority() > 100)) {
      throw Rejections.invalidArgument(Intent.Job.COMPLETE,
          "Expected the corrected priority of task listener job with key '%d' to be between 0 and 100, but was %d",
          jobKey, corrections.priority());
    }
    for (String date : new String[] {corrections.dueDate(), corrections.followUpDate()}) {
      if (date != null && !date.isEmpty() && UserTaskDates.normalize(date) == null) {
        throw Rejections.invalidArgument(Intent.Job.COMPLETE,
            "Expected the corrected dates of task listener job with key '%d' to be ISO 8601 date-times with offset, "
                + "but found '%s'", jobKey, date);
      }
    }
    if (result.denied() && !corrections.correctNothing()) {
      throw Rejections.invalidArgument(Intent.Job.COMPLETE,
          "Expected task listener job with key '%d' either to deny the change or to correct the task, but it did both",
          jobKey);
    }
  }

  /** A listener's job was completed (its COMPLETED event written): deny, correct, go on. */
  public void listenerCompleted(CommandContext ctx, JobRecord job, JobResult result) {
    UserTaskState.Task task = ctx.state().userTasks().ofElementInstance(job.elementInstanceKey());
    if (task == null || !task.inTransition()) {
      return; // the task was canceled meanwhile
    }
    if (result != null && result.denied()) {
      deny(ctx, task, job, result.deniedReason());
      return;
    }
    if (result != null && result.corrections() != null && !result.corrections().correctNothing()) {
      UserTaskRecord corrected = corrected(task.current(), result.corrections());
      ctx.writer().appendEvent(task.key(), ValueType.USER_TASK, Intent.UserTask.CORRECTED, corrected);
    }
    proceed(ctx, task.key());
  }

  /** The task of a terminated element is canceled: whoever waits for its change is told so. */
  void canceled(CommandContext ctx, UserTaskState.Task task) {
    if (task.inTransition()) {
      replies.transitionRefused(ctx, task.key(), Rejections.invalidState(command(task.state()),
          "Expected to %s user task with key '%d', but it was canceled while its task listeners ran",
          verb(task.state()), task.key()));
    }
  }

  private void createJob(BpmnElementContext element, UserTaskState.Task task, TaskListener listener) {
    CommandContext ctx = element.command();
    Map<String, Object> context = listener.type().isFeel() || listener.retries().isFeel()
        ? variables.visible(ctx.state(), element.key())
        : Map.of();
    EvaluationResult type = expressions.evaluateString(listener.type(), context);
    EvaluationResult retries = type.isFailure() ? type : expressions.evaluateLong(listener.retries(), context);
    if (retries.isFailure()) {
      incidents.raiseElementIncident(element, ErrorType.EXTRACT_VALUE_ERROR,
          "Expected to create the job of a " + listener.eventType().name().toLowerCase() + " task listener, but "
              + retries.failure(), IncidentBehavior.RetryStep.TASK_LISTENER);
      return;
    }
    JobRecord job = new JobRecord((String) type.value(), null, ((Long) retries.value()).intValue(), 0, 0, 0, null,
        null, Map.of(), null, element.processInstanceKey(), element.key(), element.elementId(),
        element.record().bpmnProcessId(), element.record().version(), element.record().processDefinitionKey(),
        element.record().tenantId(), JobRecord.TASK_LISTENER, listener.eventType().name(), false, null);
    ctx.writer().appendEvent(ctx.state().keys().nextKey(), ValueType.JOB, Intent.Job.CREATED, job);
  }

  private void finish(CommandContext ctx, UserTaskState.Task task, ElementInstance instance,
      BpmnElementContext element) {
    UserTaskRecord result = task.current();
    switch (task.state()) {
      case ASSIGNING -> ctx.writer().appendEvent(task.key(), ValueType.USER_TASK, Intent.UserTask.ASSIGNED, result);
      case UPDATING -> ctx.writer().appendEvent(task.key(), ValueType.USER_TASK, Intent.UserTask.UPDATED, result);
      case COMPLETING -> {
        ctx.writer().appendEvent(task.key(), ValueType.USER_TASK, Intent.UserTask.COMPLETED, result);
        if (instance.state() == ElementState.ACTIVATED) {
          // as with a job: local when the element has output mappings, else propagated to the scopes
          processors.applyResultVariables(element, result.variables() == null ? Map.of() : result.variables());
          processors.continueCompletion(element);
        }
      }
      default -> throw new IllegalStateException("User task " + task.key() + " is not changing: " + task.state());
    }
    replies.transitionDone(ctx, task.key());
  }

  private void deny(CommandContext ctx, UserTaskState.Task task, JobRecord job, String reason) {
    Intent.UserTask denied = switch (task.state()) {
      case ASSIGNING -> Intent.UserTask.ASSIGNMENT_DENIED;
      case UPDATING -> Intent.UserTask.UPDATE_DENIED;
      default -> Intent.UserTask.COMPLETION_DENIED;
    };
    ctx.writer().appendEvent(task.key(), ValueType.USER_TASK, denied, task.current());
    String why = reason == null || reason.isBlank() ? "no reason given" : "reason: '" + reason + "'";
    CommandRejectedException rejection = Rejections.invalidState(command(task.state()),
        "Expected to %s user task with key '%d', but a task listener (job type '%s') denied it; %s",
        verb(task.state()), task.key(), job.type(), why);
    replies.transitionRefused(ctx, task.key(), rejection);
  }

  /** The attributes after a listener's corrections; every corrected one counts as changed. */
  private static UserTaskRecord corrected(UserTaskRecord current, Corrections corrections) {
    Set<String> changed = new LinkedHashSet<>(current.changedAttributes() == null ? List.of() : current.changedAttributes());
    String assignee = current.assignee();
    if (corrections.assignee() != null) {
      assignee = corrections.assignee().isBlank() ? null : corrections.assignee().trim();
      changed.add("assignee");
    }
    String dueDate = current.dueDate();
    if (corrections.dueDate() != null) {
      dueDate = corrections.dueDate().isEmpty() ? null : UserTaskDates.normalize(corrections.dueDate());
      changed.add("dueDate");
    }
    String followUpDate = current.followUpDate();
    if (corrections.followUpDate() != null) {
      followUpDate = corrections.followUpDate().isEmpty() ? null : UserTaskDates.normalize(corrections.followUpDate());
      changed.add("followUpDate");
    }
    List<String> candidateUsers = current.candidateUsers();
    if (corrections.candidateUsers() != null) {
      candidateUsers = List.copyOf(corrections.candidateUsers());
      changed.add("candidateUsersList");
    }
    List<String> candidateGroups = current.candidateGroups();
    if (corrections.candidateGroups() != null) {
      candidateGroups = List.copyOf(corrections.candidateGroups());
      changed.add("candidateGroupsList");
    }
    int priority = current.priority();
    if (corrections.priority() != null) {
      priority = corrections.priority();
      changed.add("priority");
    }
    return current.corrected(assignee, candidateGroups, candidateUsers, dueDate, followUpDate, priority,
        new ArrayList<>(changed));
  }

  private static TaskListener.EventType eventType(LifecycleState state) {
    return switch (state) {
      case ASSIGNING -> TaskListener.EventType.ASSIGNING;
      case UPDATING -> TaskListener.EventType.UPDATING;
      case COMPLETING -> TaskListener.EventType.COMPLETING;
      default -> throw new IllegalStateException("No task listeners run in state " + state);
    };
  }

  private static Intent.UserTask command(LifecycleState state) {
    return switch (state) {
      case ASSIGNING -> Intent.UserTask.ASSIGN;
      case UPDATING -> Intent.UserTask.UPDATE;
      default -> Intent.UserTask.COMPLETE;
    };
  }

  private static String verb(LifecycleState state) {
    return switch (state) {
      case ASSIGNING -> "assign";
      case UPDATING -> "update";
      default -> "complete";
    };
  }
}
