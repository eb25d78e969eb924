package cn.relief.engine.record;

import java.util.Map;

/**
 * A job for a worker. {@code deadline} is set while activated; {@code recurringTime} while it
 * waits out a retry back-off; {@code variables} carries what the worker sent on completion; a task
 * listener's completed job says whether it denied the change, and why.
 */
public record JobRecord(
    String type,
    String worker,
    int retries,
    long deadline,
    long retryBackoff,
    long recurringTime,
    String errorMessage,
    String errorCode,
    Map<String, String> customHeaders,
    Map<String, Object> variables,
    long processInstanceKey,
    long elementInstanceKey,
    String elementId,
    String bpmnProcessId,
    int processDefinitionVersion,
    long processDefinitionKey,
    String tenantId,
    String jobKind,
    String listenerEventType,
    boolean denied,
    String deniedReason) implements RecordValue {

  /** Zeebe's job kinds: a job of a BPMN element, or of a user task's listener. */
  public static final String BPMN_ELEMENT = "BPMN_ELEMENT";
  public static final String TASK_LISTENER = "TASK_LISTENER";
  public static final String UNSPECIFIED = "UNSPECIFIED";

  /** The kind as written; logs from before listeners existed only have element jobs. */
  public String kind() {
    return jobKind == null ? BPMN_ELEMENT : jobKind;
  }

  public boolean forTaskListener() {
    return TASK_LISTENER.equals(jobKind);
  }

  public String eventType() {
    return listenerEventType == null ? UNSPECIFIED : listenerEventType;
  }

  public JobRecord activated(String worker, long deadline) {
    return new JobRecord(type, worker, retries, deadline, 0, 0, errorMessage, errorCode, customHeaders, null,
        processInstanceKey, elementInstanceKey, elementId, bpmnProcessId, processDefinitionVersion, processDefinitionKey, tenantId, jobKind, listenerEventType, denied, deniedReason);
  }

  public JobRecord withRetries(int newRetries) {
    return new JobRecord(type, worker, newRetries, deadline, retryBackoff, recurringTime, errorMessage, errorCode,
        customHeaders, null, processInstanceKey, elementInstanceKey, elementId, bpmnProcessId, processDefinitionVersion,
        processDefinitionKey, tenantId, jobKind, listenerEventType, denied, deniedReason);
  }

  public JobRecord withDeadline(long newDeadline) {
    return new JobRecord(type, worker, retries, newDeadline, retryBackoff, recurringTime, errorMessage, errorCode,
        customHeaders, null, processInstanceKey, elementInstanceKey, elementId, bpmnProcessId, processDefinitionVersion,
        processDefinitionKey, tenantId, jobKind, listenerEventType, denied, deniedReason);
  }

  public JobRecord failed(int newRetries, String message, long backoff, long recurAt) {
    return new JobRecord(type, worker, newRetries, 0, backoff, recurAt, message, errorCode, customHeaders, null,
        processInstanceKey, elementInstanceKey, elementId, bpmnProcessId, processDefinitionVersion, processDefinitionKey, tenantId, jobKind, listenerEventType, denied, deniedReason);
  }

  public JobRecord errorThrown(String code, String message) {
    return new JobRecord(type, worker, retries, 0, 0, 0, message, code, customHeaders, null,
        processInstanceKey, elementInstanceKey, elementId, bpmnProcessId, processDefinitionVersion, processDefinitionKey, tenantId, jobKind, listenerEventType, denied, deniedReason);
  }

  /** A task listener's job as completed: denying the change (with the reason) or letting it pass. */
  public JobRecord withVerdict(boolean deniedChange, String reason) {
    return new JobRecord(type, worker, retries, deadline, retryBackoff, recurringTime, errorMessage, errorCode,
        customHeaders, Map.of(), processInstanceKey, elementInstanceKey, elementId, bpmnProcessId,
        processDefinitionVersion, processDefinitionKey, tenantId, jobKind, listenerEventType, deniedChange,
        deniedChange ? reason : null);
  }

  public JobRecord withVariables(Map<String, Object> completionVariables) {
    return new JobRecord(type, worker, retries, deadline, retryBackoff, recurringTime, errorMessage, errorCode,
        customHeaders, completionVariables, processInstanceKey, elementInstanceKey, elementId, bpmnProcessId,
        processDefinitionVersion, processDefinitionKey, tenantId, jobKind, listenerEventType, denied, deniedReason);
  }

  /** The same job (type, retries, worker kept), now of an element of another process definition. */
  public JobRecord migrated(String newBpmnProcessId, int newVersion, long newProcessDefinitionKey, String newElementId) {
    return new JobRecord(type, worker, retries, deadline, retryBackoff, recurringTime, errorMessage, errorCode,
        customHeaders, null, processInstanceKey, elementInstanceKey, newElementId, newBpmnProcessId, newVersion,
        newProcessDefinitionKey, tenantId, jobKind, listenerEventType, denied, deniedReason);
  }
}
