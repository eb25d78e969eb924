package cn.relief.engine.record;

import java.util.Map;

/**
 * An element instance waiting for a message with a name and correlation key; on correlation the
 * record also carries the message's key and variables.
 */
public record MessageSubscriptionRecord(
    long processInstanceKey,
    long elementInstanceKey,
    long processDefinitionKey,
    String bpmnProcessId,
    String elementId,
    String messageName,
    String correlationKey,
    boolean interrupting,
    long messageKey,
    Map<String, Object> variables,
    String tenantId) implements RecordValue {

  public MessageSubscriptionRecord correlated(long messageKey, Map<String, Object> variables) {
    return new MessageSubscriptionRecord(processInstanceKey, elementInstanceKey, processDefinitionKey, bpmnProcessId,
        elementId, messageName, correlationKey, interrupting, messageKey, variables, tenantId);
  }
}
