package cn.relief.engine.record;

import java.util.List;

/**
 * A completed activity that can be compensated (it has a compensation boundary event and handler);
 * once compensation is thrown, also the throw event and the handler instance undoing it.
 * {@code scopePath} holds the keys of the activity's enclosing scope instances, innermost first.
 */
public record CompensationSubscriptionRecord(
    long processInstanceKey,
    long elementInstanceKey,
    String compensableActivityId,
    String compensationHandlerId,
    List<Long> scopePath,
    long throwEventInstanceKey,
    long compensationHandlerInstanceKey,
    String tenantId) implements RecordValue {

  public CompensationSubscriptionRecord triggered(long throwEventInstanceKey, long handlerInstanceKey) {
    return new CompensationSubscriptionRecord(processInstanceKey, elementInstanceKey, compensableActivityId,
        compensationHandlerId, scopePath, throwEventInstanceKey, handlerInstanceKey, tenantId);
  }
}
