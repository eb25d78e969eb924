package cn.relief.engine.record;

import java.util.List;

/**
 * An expected failure that stops a token until someone resolves it. {@code retryStep} says what
 * the engine does again on resolution: ACTIVATE or COMPLETE the element, or nothing for job
 * incidents (the job itself becomes activatable again).
 *
 * <p>{@code elementInstancePath} lists, from the root process instance down, the element instance
 * keys leading to the failed element, one list per process instance crossed by call activities
 * ({@code processDefinitionPath} names their definitions): an incident deep in a called process
 * is thereby visible from the case that called it.
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
    String tenantId,
    List<List<Long>> elementInstancePath,
    List<Long> processDefinitionPath) implements RecordValue {
  /** The same incident, now on an element of another process definition. */
  public IncidentRecord migrated(String newBpmnProcessId, long newProcessDefinitionKey, String newElementId,
      List<Long> newProcessDefinitionPath) {
    return new IncidentRecord(errorType, errorMessage, newBpmnProcessId, newProcessDefinitionKey, processInstanceKey,
        newElementId, elementInstanceKey, jobKey, retryStep, tenantId, elementInstancePath, newProcessDefinitionPath);
  }
}
