package cn.relief.engine.record;

/**
 * A timer of an element instance (a catch event, a boundary event's activity, an event
 * sub-process's scope) or, with elementInstanceKey -1, of a timer start event.
 */
public record TimerRecord(
    long elementInstanceKey,
    long processInstanceKey,
    long processDefinitionKey,
    String targetElementId,
    long dueDate,
    int repetitions,
    String tenantId) implements RecordValue {

  public TimerRecord withDueDate(long dueDate, int repetitions) {
    return new TimerRecord(elementInstanceKey, processInstanceKey, processDefinitionKey, targetElementId, dueDate,
        repetitions, tenantId);
  }

  /** The same timer (due date kept), now of a catch event of another process definition. */
  public TimerRecord migrated(long newProcessDefinitionKey, String newTargetElementId) {
    return new TimerRecord(elementInstanceKey, processInstanceKey, newProcessDefinitionKey, newTargetElementId, dueDate,
        repetitions, tenantId);
  }
}
