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
    String tenantId) implements RecordValue {}
