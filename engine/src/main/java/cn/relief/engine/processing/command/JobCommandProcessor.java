package cn.relief.engine.processing.command;

import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.processing.Rejections;
import cn.relief.engine.processing.bpmn.BpmnElementContext;
import cn.relief.engine.processing.bpmn.BpmnElementProcessors;
import cn.relief.engine.processing.bpmn.ErrorType;
import cn.relief.engine.processing.bpmn.TaskListenerBehavior;
import cn.relief.engine.api.EngineApi.JobResult;
import cn.relief.engine.processing.bpmn.VariableBehavior;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.JobRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.ElementState;
import cn.relief.engine.state.JobState;
import java.util.Map;

/** What workers and operators do to a job: complete, fail, throw an error, change retries or timeout. */
public final class JobCommandProcessor {
  private final BpmnElementProcessors processors;
  private final VariableBehavior variables;

  public JobCommandProcessor(BpmnElementProcessors processors, VariableBehavior variables) {
    this.processors = processors;
    this.variables = variables;
  }

  public void complete(CommandContext ctx, long jobKey, Map<String, Object> document, JobResult result) {
    JobState.Job job = require(ctx, jobKey, Intent.Job.COMPLETE, "complete");
    if (job.state() != JobState.State.ACTIVATABLE && job.state() != JobState.State.ACTIVATED) {
      throw Rejections.invalidState(Intent.Job.COMPLETE,
          "Expected to complete job with key '%d', but it is in state '%s'", jobKey, job.state());
    }
    if (job.record().forTaskListener()) {
      TaskListenerBehavior.validate(jobKey, job.record(), document, result);
      boolean denied = result != null && result.denied();
      ctx.writer().appendEvent(jobKey, ValueType.JOB, Intent.Job.COMPLETED,
          job.record().withVerdict(denied, denied ? result.deniedReason() : null));
      processors.taskListeners().listenerCompleted(ctx, job.record(), result);
      return;
    }
    if (result != null && result.hasEffect()) {
      // silently dropping it would complete a job the worker meant to deny or steer
      throw Rejections.invalidArgument(Intent.Job.COMPLETE,
          "Expected a job result (deny, corrections) only for a task listener's job, but job with key '%d' is the "
              + "job of element '%s'", jobKey, job.record().elementId());
    }
    ctx.writer().appendEvent(jobKey, ValueType.JOB, Intent.Job.COMPLETED, job.record().withVariables(document));
    ElementInstance element = ctx.state().elementInstances().get(job.record().elementInstanceKey());
    if (element == null || element.state() != ElementState.ACTIVATED) {
      return;
    }
    BpmnElementContext context = processors.contextOf(ctx, element);
    // with output mappings the job's variables are only inputs to them: kept local, else propagated
    processors.applyResultVariables(context, document);
    processors.continueCompletion(context);
  }

  public void fail(CommandContext ctx, long jobKey, int retries, String errorMessage, long backoffMillis,
      Map<String, Object> document) {
    JobState.Job job = require(ctx, jobKey, Intent.Job.FAIL, "fail");
    if (job.state() != JobState.State.ACTIVATED) {
      throw Rejections.invalidState(Intent.Job.FAIL,
          "Expected to fail job with key '%d', but it is in state '%s'; only activated jobs can be failed", jobKey,
          job.state());
    }
    if (job.record().forTaskListener() && document != null && !document.isEmpty()) {
      throw Rejections.invalidArgument(Intent.Job.FAIL, "Expected to fail task listener job with key '%d' without "
          + "variables, but it had %s; a task listener does not set process variables", jobKey, document.keySet());
    }
    long recurAt = retries > 0 && backoffMillis > 0 ? ctx.now() + backoffMillis : 0;
    String message = errorMessage == null ? "" : errorMessage;
    JobRecord failed = job.record().failed(retries, message, Math.max(0, backoffMillis), recurAt);
    ctx.writer().appendEvent(jobKey, ValueType.JOB, Intent.Job.FAILED, failed);
    ElementInstance element = ctx.state().elementInstances().get(failed.elementInstanceKey());
    if (document != null && !document.isEmpty() && element != null) {
      variables.mergeLocal(ctx, element.key(), element.value(), document);
    }
    if (retries <= 0) {
      processors.incidents().raiseJobIncident(ctx, jobKey, failed,
          failed.forTaskListener() ? ErrorType.TASK_LISTENER_NO_RETRIES : ErrorType.JOB_NO_RETRIES,
          message.isEmpty() ? "No more retries left." : message);
    }
  }

  public void throwError(CommandContext ctx, long jobKey, String errorCode, String errorMessage, Map<String, Object> document) {
    JobState.Job job = require(ctx, jobKey, Intent.Job.THROW_ERROR, "throw an error for");
    if (job.state() != JobState.State.ACTIVATABLE && job.state() != JobState.State.ACTIVATED) {
      throw Rejections.invalidState(Intent.Job.THROW_ERROR,
          "Expected to throw an error for job with key '%d', but it is in state '%s'", jobKey, job.state());
    }
    if (job.record().forTaskListener()) {
      throw Rejections.invalidState(Intent.Job.THROW_ERROR,
          "Expected to throw an error for job with key '%d', but it is a task listener's job; a task listener "
              + "denies a change by completing its job with a result, or fails it", jobKey);
    }
    if (errorCode == null || errorCode.isBlank()) {
      throw Rejections.invalidArgument(Intent.Job.THROW_ERROR,
          "Expected to throw an error with a non-empty error code, but it was empty");
    }
    JobRecord thrown = job.record().errorThrown(errorCode, errorMessage == null ? "" : errorMessage);
    ctx.writer().appendEvent(jobKey, ValueType.JOB, Intent.Job.ERROR_THROWN, thrown);
    ElementInstance element = ctx.state().elementInstances().get(thrown.elementInstanceKey());
    Map<String, Object> errorVariables = document == null ? Map.of() : document;
    if (element != null && element.state() == ElementState.ACTIVATED
        && processors.throwing().throwError(ctx, element.key(), errorCode, errorVariables)) {
      return; // caught: the catching event has the error's variables, the job is cancelled with its element
    }
    if (!errorVariables.isEmpty() && element != null) {
      variables.mergeLocal(ctx, element.key(), element.value(), errorVariables);
    }
    processors.incidents().raiseJobIncident(ctx, jobKey, thrown, ErrorType.UNHANDLED_ERROR_EVENT, String.format(
        "Expected to throw an error event with the code '%s' with message '%s', but it was not caught. "
            + "No error events are available in the scope.", errorCode, thrown.errorMessage()));
  }

  public void updateRetries(CommandContext ctx, long jobKey, int retries) {
    JobState.Job job = require(ctx, jobKey, Intent.Job.UPDATE_RETRIES, "update retries of");
    if (retries < 1) {
      throw Rejections.invalidArgument(Intent.Job.UPDATE_RETRIES,
          "Expected to update retries of job with key '%d' to a value greater than zero, but it was %d", jobKey,
          retries);
    }
    ctx.writer().appendEvent(jobKey, ValueType.JOB, Intent.Job.RETRIES_UPDATED, job.record().withRetries(retries));
  }

  public void updateTimeout(CommandContext ctx, long jobKey, long timeoutMillis) {
    JobState.Job job = require(ctx, jobKey, Intent.Job.UPDATE_TIMEOUT, "update the timeout of");
    if (job.state() != JobState.State.ACTIVATED) {
      throw Rejections.invalidState(Intent.Job.UPDATE_TIMEOUT,
          "Expected to update the timeout of job with key '%d', but it is not activated (state '%s')", jobKey,
          job.state());
    }
    if (timeoutMillis < 0) {
      throw Rejections.invalidArgument(Intent.Job.UPDATE_TIMEOUT,
          "Expected a timeout of zero or more milliseconds, but it was %d", timeoutMillis);
    }
    ctx.writer().appendEvent(jobKey, ValueType.JOB, Intent.Job.TIMEOUT_UPDATED,
        job.record().withDeadline(ctx.now() + timeoutMillis));
  }

  /** A pushed job could not be delivered: it becomes activatable again. */
  public void yield(CommandContext ctx, long jobKey) {
    JobState.Job job = ctx.state().jobs().get(jobKey);
    if (job != null && job.state() == JobState.State.ACTIVATED) {
      ctx.writer().appendEvent(jobKey, ValueType.JOB, Intent.Job.YIELDED, job.record().withDeadline(0));
    }
  }

  private static JobState.Job require(CommandContext ctx, long jobKey, Intent.Job command, String verb) {
    JobState.Job job = ctx.state().jobs().get(jobKey);
    if (job == null) {
      throw Rejections.notFound(command, "Expected to %s job with key '%d', but no such job was found", verb, jobKey);
    }
    return job;
  }
}
