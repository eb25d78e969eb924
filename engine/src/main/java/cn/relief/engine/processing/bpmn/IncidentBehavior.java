package cn.relief.engine.processing.bpmn;

import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.record.IncidentRecord;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.JobRecord;
import cn.relief.engine.record.ValueType;

/** Raises and resolves incidents: expected failures that wait for a person to fix the cause. */
public final class IncidentBehavior {
  /** What resolving an element incident does again. */
  public enum RetryStep { ACTIVATE, COMPLETE, NONE }

  public void raiseElementIncident(BpmnElementContext element, ErrorType type, String message, RetryStep retry) {
    IncidentRecord incident = new IncidentRecord(type.name(), message, element.record().bpmnProcessId(),
        element.record().processDefinitionKey(), element.processInstanceKey(), element.elementId(), element.key(),
        -1, retry.name(), element.record().tenantId());
    CommandContext ctx = element.command();
    ctx.writer().appendEvent(ctx.state().keys().nextKey(), ValueType.INCIDENT, Intent.Incident.CREATED, incident);
  }

  public void raiseJobIncident(CommandContext ctx, long jobKey, JobRecord job, ErrorType type, String message) {
    IncidentRecord incident = new IncidentRecord(type.name(), message, job.bpmnProcessId(), job.processDefinitionKey(),
        job.processInstanceKey(), job.elementId(), job.elementInstanceKey(), jobKey, RetryStep.NONE.name(), job.tenantId());
    ctx.writer().appendEvent(ctx.state().keys().nextKey(), ValueType.INCIDENT, Intent.Incident.CREATED, incident);
  }

  /** Resolves open incidents of an element instance and of its job, e.g. when it is terminated. */
  public void resolveAll(CommandContext ctx, long elementInstanceKey, long jobKey) {
    long incidentKey = ctx.state().incidents().ofElementInstance(elementInstanceKey);
    if (incidentKey > 0) {
      resolve(ctx, incidentKey);
    }
    if (jobKey > 0) {
      long jobIncident = ctx.state().incidents().ofJob(jobKey);
      if (jobIncident > 0) {
        resolve(ctx, jobIncident);
      }
    }
  }

  public void resolve(CommandContext ctx, long incidentKey) {
    IncidentRecord incident = ctx.state().incidents().get(incidentKey);
    ctx.writer().appendEvent(incidentKey, ValueType.INCIDENT, Intent.Incident.RESOLVED, incident);
  }
}
