package cn.relief.engine.record;

/**
 * An expected failure that stops a token until someone resolves it. {@code retryStep} says what
 * the engine does again on resolution: ACTIVATE or COMPLETE the element, or nothing for job
 * incidents (the job itself becomes activatable again).
 */
public record IncidentRecord(
    String errorType,
    String errorMessage,
    String bpmnProcessId,
    long processDefinitionKey,
    long processInstanceKey,
    String elementId,
    long elementInstanceKey,
    long jobKey,
    String retryStep,
    String tenantId) implements RecordValue {}
