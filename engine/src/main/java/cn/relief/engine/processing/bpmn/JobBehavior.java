package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.JobDefinition;
import cn.relief.engine.feel.EvaluationResult;
import cn.relief.engine.feel.ExpressionLanguage;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.JobRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.JobState;
import java.util.Map;

/** Creates the job of a job-based element, and cancels it when the element is terminated. */
public final class JobBehavior {
  private final ExpressionLanguage expressions;
  private final VariableBehavior variables;

  public JobBehavior(ExpressionLanguage expressions, VariableBehavior variables) {
    this.expressions = expressions;
    this.variables = variables;
  }

  /**
   * Evaluates the job's type, retries and headers; the element stays untouched so that a failure
   * can become an incident on the still-activating element.
   */
  public Evaluated evaluateJob(BpmnElementContext element) {
    JobDefinition definition = element.element().jobDefinition();
    CommandContext ctx = element.command();
    Map<String, Object> context = definition.type().isFeel() || definition.retries().isFeel()
        ? variables.visible(ctx.state(), element.key())
        : Map.of();
    EvaluationResult type = expressions.evaluateString(definition.type(), context);
    if (type.isFailure()) {
      return new Evaluated(null, type.failure());
    }
    EvaluationResult retries = expressions.evaluateLong(definition.retries(), context);
    if (retries.isFailure()) {
      return new Evaluated(null, retries.failure());
    }
    JobRecord job = new JobRecord((String) type.value(), null, ((Long) retries.value()).intValue(), 0, 0, 0, null,
        null, definition.headers(), null, element.processInstanceKey(), element.key(), element.elementId(),
        element.record().bpmnProcessId(), element.record().version(), element.record().processDefinitionKey(),
        element.record().tenantId(), JobRecord.BPMN_ELEMENT, JobRecord.UNSPECIFIED, false, null);
    return new Evaluated(job, null);
  }

  /** A job ready to be created, or why it cannot be. */
  public record Evaluated(JobRecord job, String failure) {}

  public void createJob(CommandContext ctx, JobRecord job) {
    ctx.writer().appendEvent(ctx.state().keys().nextKey(), ValueType.JOB, Intent.Job.CREATED, job);
  }

  public void cancelJob(CommandContext ctx, long jobKey) {
    JobState.Job job = jobKey > 0 ? ctx.state().jobs().get(jobKey) : null;
    if (job != null) {
      ctx.writer().appendEvent(jobKey, ValueType.JOB, Intent.Job.CANCELED, job.record());
    }
  }
}
