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

  /** The same subscription (name and correlation key kept), now of a catch event of another definition. */
  public MessageSubscriptionRecord migrated(long newProcessDefinitionKey, String newBpmnProcessId, String newElementId,
      boolean newInterrupting) {
    return new MessageSubscriptionRecord(processInstanceKey, elementInstanceKey, newProcessDefinitionKey,
        newBpmnProcessId, newElementId, messageName, correlationKey, newInterrupting, messageKey, variables, tenantId);
  }
}
