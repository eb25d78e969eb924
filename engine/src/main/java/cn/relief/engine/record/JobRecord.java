package cn.relief.engine.record;

import java.util.Map;

/**
 * A job for a worker. {@code deadline} is set while activated; {@code recurringTime} while it
 * waits out a retry back-off; {@code variables} carries what the worker sent on completion.
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
    String tenantId) implements RecordValue {

  public JobRecord activated(String worker, long deadline) {
    return new JobRecord(type, worker, retries, deadline, 0, 0, errorMessage, errorCode, customHeaders, null,
        processInstanceKey, elementInstanceKey, elementId, bpmnProcessId, processDefinitionVersion, processDefinitionKey, tenantId);
  }

  public JobRecord withRetries(int newRetries) {
    return new JobRecord(type, worker, newRetries, deadline, retryBackoff, recurringTime, errorMessage, errorCode,
        customHeaders, null, processInstanceKey, elementInstanceKey, elementId, bpmnProcessId, processDefinitionVersion,
        processDefinitionKey, tenantId);
  }

  public JobRecord withDeadline(long newDeadline) {
    return new JobRecord(type, worker, retries, newDeadline, retryBackoff, recurringTime, errorMessage, errorCode,
        customHeaders, null, processInstanceKey, elementInstanceKey, elementId, bpmnProcessId, processDefinitionVersion,
        processDefinitionKey, tenantId);
  }

  public JobRecord failed(int newRetries, String message, long backoff, long recurAt) {
    return new JobRecord(type, worker, newRetries, 0, backoff, recurAt, message, errorCode, customHeaders, null,
        processInstanceKey, elementInstanceKey, elementId, bpmnProcessId, processDefinitionVersion, processDefinitionKey, tenantId);
  }

  public JobRecord errorThrown(String code, String message) {
    return new JobRecord(type, worker, retries, 0, 0, 0, message, code, customHeaders, null,
        processInstanceKey, elementInstanceKey, elementId, bpmnProcessId, processDefinitionVersion, processDefinitionKey, tenantId);
  }

  public JobRecord withVariables(Map<String, Object> completionVariables) {
    return new JobRecord(type, worker, retries, deadline, retryBackoff, recurringTime, errorMessage, errorCode,
        customHeaders, completionVariables, processInstanceKey, elementInstanceKey, elementId, bpmnProcessId,
        processDefinitionVersion, processDefinitionKey, tenantId);
  }
}
