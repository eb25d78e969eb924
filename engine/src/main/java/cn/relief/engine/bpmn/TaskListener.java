package cn.relief.engine.bpmn;

import cn.relief.engine.feel.Expression;

/**
 * A {@code zeebe:taskListener}: before a user task's assignment, update or completion takes
 * effect, a job of this type is created for a worker, who may let it pass, correct the task's
 * attributes or deny the change.
 */
public record TaskListener(EventType eventType, Expression type, Expression retries) {

  /** The event types this engine runs; 8.8's names, which are also the job's listener event type. */
  public enum EventType { ASSIGNING, UPDATING, COMPLETING }
}
