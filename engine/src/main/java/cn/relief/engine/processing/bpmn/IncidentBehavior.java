package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.BpmnElementType;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.state.ElementInstance;
import java.util.ArrayList;
import java.util.List;
import cn.relief.engine.record.IncidentRecord;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.JobRecord;
import cn.relief.engine.record.ValueType;

/** Raises and resolves incidents: expected failures that wait for a person to fix the cause. */
public final class IncidentBehavior {
  /** What resolving an incident retries: an element's activation or completion, or creating a task listener's job. */
  public enum RetryStep { ACTIVATE, COMPLETE, TASK_LISTENER, NONE }

  public void raiseElementIncident(BpmnElementContext element, ErrorType type, String message, RetryStep retry) {
    IncidentRecord incident = new IncidentRecord(type.name(), message, element.record().bpmnProcessId(),
        element.record().processDefinitionKey(), element.processInstanceKey(), element.elementId(), element.key(),
        -1, retry.name(), element.record().tenantId(), elementInstancePath(element.command(), element.key()),
        processDefinitionPath(element.command(), element.key()));
    CommandContext ctx = element.command();
    ctx.writer().appendEvent(ctx.state().keys().nextKey(), ValueType.INCIDENT, Intent.Incident.CREATED, incident);
  }

  public void raiseJobIncident(CommandContext ctx, long jobKey, JobRecord job, ErrorType type, String message) {
    IncidentRecord incident = new IncidentRecord(type.name(), message, job.bpmnProcessId(), job.processDefinitionKey(),
        job.processInstanceKey(), job.elementId(), job.elementInstanceKey(), jobKey, RetryStep.NONE.name(), job.tenantId(),
        elementInstancePath(ctx, job.elementInstanceKey()), processDefinitionPath(ctx, job.elementInstanceKey()));
    ctx.writer().appendEvent(ctx.state().keys().nextKey(), ValueType.INCIDENT, Intent.Incident.CREATED, incident);
  }

  /** From the root process instance down to the element: one list of keys per process instance. */
  static List<List<Long>> elementInstancePath(CommandContext ctx, long elementInstanceKey) {
    List<List<Long>> path = new ArrayList<>();
    List<Long> current = new ArrayList<>();
    long key = elementInstanceKey;
    while (key > 0) {
      ElementInstance instance = ctx.state().elementInstances().get(key);
      if (instance == null) {
        break;
      }
      current.add(0, key);
      if (instance.value().bpmnElementType() == BpmnElementType.PROCESS) {
        path.add(0, current);
        current = new ArrayList<>();
        key = instance.value().parentElementInstanceKey();
      } else {
        key = instance.value().flowScopeKey();
      }
    }
    if (!current.isEmpty()) {
      path.add(0, current);
    }
    return path;
  }

  public static List<Long> processDefinitionPath(CommandContext ctx, long elementInstanceKey) {
    List<Long> path = new ArrayList<>();
    for (List<Long> level : elementInstancePath(ctx, elementInstanceKey)) {
      ElementInstance process = ctx.state().elementInstances().get(level.get(0));
      if (process != null) {
        path.add(process.value().processDefinitionKey());
      }
    }
    return path;
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
