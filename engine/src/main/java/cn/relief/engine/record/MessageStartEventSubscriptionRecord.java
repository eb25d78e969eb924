package cn.relief.engine.record;

import java.util.Map;

/** A deployed process's message start event waiting for its message; on correlation, the instance it started. */
public record MessageStartEventSubscriptionRecord(
    long processDefinitionKey,
    String bpmnProcessId,
    String startEventId,
    String messageName,
    long processInstanceKey,
    long messageKey,
    String correlationKey,
    Map<String, Object> variables,
    String tenantId) implements RecordValue {

  public MessageStartEventSubscriptionRecord correlated(long processInstanceKey, long messageKey,
      String correlationKey, Map<String, Object> variables) {
    return new MessageStartEventSubscriptionRecord(processDefinitionKey, bpmnProcessId, startEventId, messageName,
        processInstanceKey, messageKey, correlationKey, variables, tenantId);
  }
}
