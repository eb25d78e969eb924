package cn.relief.engine.processing.command;

import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.processing.Rejections;
import cn.relief.engine.processing.bpmn.BpmnElementContext;
import cn.relief.engine.processing.bpmn.BpmnElementProcessors;
import cn.relief.engine.processing.bpmn.IncidentBehavior.RetryStep;
import cn.relief.engine.record.IncidentRecord;
import cn.relief.engine.record.Intent;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.JobState;

/** Resolves an incident and retries the step that failed. */
public final class IncidentProcessor {
  private final BpmnElementProcessors processors;

  public IncidentProcessor(BpmnElementProcessors processors) {
    this.processors = processors;
  }

  public void resolve(CommandContext ctx, long incidentKey) {
    IncidentRecord incident = ctx.state().incidents().get(incidentKey);
    if (incident == null) {
      throw Rejections.notFound(Intent.Incident.RESOLVE,
          "Expected to resolve incident with key '%d', but no such incident was found", incidentKey);
    }
    if (incident.jobKey() > 0) {
      JobState.Job job = ctx.state().jobs().get(incident.jobKey());
      if (job != null && job.state() == JobState.State.FAILED && job.record().retries() <= 0) {
        throw Rejections.invalidState(Intent.Incident.RESOLVE,
            "Expected to resolve incident with key '%d', but job with key '%d' has no retries left; "
                + "update the job's retries first", incidentKey, incident.jobKey());
      }
      processors.incidents().resolve(ctx, incidentKey);
      return;
    }
    processors.incidents().resolve(ctx, incidentKey);
    ElementInstance element = ctx.state().elementInstances().get(incident.elementInstanceKey());
    if (element == null) {
      return;
    }
    BpmnElementContext context = processors.contextOf(ctx, element);
    RetryStep step = RetryStep.valueOf(incident.retryStep());
    if (step == RetryStep.ACTIVATE) {
      processors.retryActivation(context);
    } else if (step == RetryStep.COMPLETE) {
      processors.retryCompletion(context);
    } else if (step == RetryStep.TASK_LISTENER) {
      processors.taskListeners().retry(context);
    }
  }
}
