package cn.relief.engine.processing.command;

import cn.relief.engine.api.EngineApi.ActivatedJob;
import cn.relief.engine.api.EngineApi.UserTaskProperties;
import cn.relief.engine.form.FormKeys;
import cn.relief.engine.record.UserTaskRecord;
import cn.relief.engine.state.UserTaskState;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.processing.bpmn.VariableBehavior;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.JobRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.JobState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Activates jobs for a worker: writes ACTIVATED with the worker and deadline, collects variables. */
public final class JobActivator {
  private final VariableBehavior variables;

  public JobActivator(VariableBehavior variables) {
    this.variables = variables;
  }

  public List<ActivatedJob> activate(
      CommandContext ctx, String type, String worker, long timeoutMillis, int max, List<String> fetchVariables) {
    List<Long> keys = new ArrayList<>(Math.min(max, 64));
    for (Long key : ctx.state().jobs().activatable(type)) {
      if (keys.size() >= max) {
        break;
      }
      keys.add(key);
    }
    List<ActivatedJob> activated = new ArrayList<>(keys.size());
    for (long key : keys) {
      activated.add(activateOne(ctx, key, worker, timeoutMillis, fetchVariables));
    }
    return activated;
  }

  public ActivatedJob activateOne(CommandContext ctx, long key, String worker, long timeoutMillis, List<String> fetchVariables) {
    JobState.Job job = ctx.state().jobs().get(key);
    JobRecord record = job.record().activated(worker == null ? "" : worker, ctx.now() + timeoutMillis);
    ctx.writer().appendEvent(key, ValueType.JOB, Intent.Job.ACTIVATED, record);
    Map<String, Object> vars = variables.fetch(ctx.state(), record.elementInstanceKey(), fetchVariables);
    if (record.forTaskListener()) {
      vars = withChangeVariables(ctx, record.elementInstanceKey(), vars, fetchVariables);
    }
    return new ActivatedJob(key, record.type(), record.processInstanceKey(), record.bpmnProcessId(),
        record.processDefinitionVersion(), record.processDefinitionKey(), record.elementId(),
        record.elementInstanceKey(), record.customHeaders(), record.worker(), record.retries(), record.deadline(),
        vars, record.tenantId(), record.kind(), record.eventType(),
        record.forTaskListener() ? userTask(ctx, record.elementInstanceKey()) : null);
  }

  /**
   * A completing listener judges the variables the task is being completed with (as 8.8 does):
   * they are not yet in the scope, so they are laid over the scope's variables.
   */
  private static Map<String, Object> withChangeVariables(CommandContext ctx, long elementInstanceKey,
      Map<String, Object> scope, List<String> fetchVariables) {
    UserTaskState.Task task = ctx.state().userTasks().ofElementInstance(elementInstanceKey);
    if (task == null || task.pending() == null || task.pending().variables() == null
        || task.pending().variables().isEmpty()) {
      return scope;
    }
    Map<String, Object> merged = new java.util.HashMap<>(scope);
    task.pending().variables().forEach((name, value) -> {
      if (fetchVariables == null || fetchVariables.isEmpty() || fetchVariables.contains(name)) {
        merged.put(name, value);
      }
    });
    return merged;
  }

  /** What a task listener's worker needs to judge the change: the task as the change would leave it. */
  private static UserTaskProperties userTask(CommandContext ctx, long elementInstanceKey) {
    UserTaskState.Task task = ctx.state().userTasks().ofElementInstance(elementInstanceKey);
    if (task == null) {
      return null;
    }
    UserTaskRecord current = task.current();
    return new UserTaskProperties(task.key(), current.action(), current.assignee(), current.candidateGroups(),
        current.candidateUsers(), current.changedAttributes(), current.dueDate(), current.followUpDate(),
        FormKeys.deployed(current.formKey()), current.priority());
  }
}
