package cn.relief.engine.record;

import cn.relief.engine.bpmn.BpmnEventType;

/**
 * A Jackson value filter for record fields that are usually absent (no parent instance, no event
 * definition): leaving them out of the stored JSON keeps the log small on the hot path. Read back,
 * an absent key is 0 (so "none" is any key below 1) and an absent event type is null.
 */
public final class AbsentValue {
  @Override
  public boolean equals(Object value) {
    return value == null
        || value instanceof Long key && key <= 0
        || value == BpmnEventType.UNSPECIFIED;
  }

  @Override
  public int hashCode() {
    return 0;
  }
}
