package cn.relief.engine.record;

/**
 * A signal catch: of an element instance, or (catchEventInstanceKey -1) of a deployed process's
 * signal start event.
 */
public record SignalSubscriptionRecord(
    long processDefinitionKey,
    String bpmnProcessId,
    String catchEventId,
    long catchEventInstanceKey,
    String signalName,
    String tenantId) implements RecordValue {
  /** The same subscription (signal name kept), now of a catch event of another process definition. */
  public SignalSubscriptionRecord migrated(long newProcessDefinitionKey, String newBpmnProcessId, String newCatchEventId) {
    return new SignalSubscriptionRecord(newProcessDefinitionKey, newBpmnProcessId, newCatchEventId,
        catchEventInstanceKey, signalName, tenantId);
  }
}
