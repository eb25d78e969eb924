package cn.relief.engine.state;

import cn.relief.engine.record.ProcessInstanceRecord;
import java.util.HashMap;
import java.util.Map;

/** Element instances that have not ended yet, by key. Ended instances leave the state. */
public final class ElementInstanceState {
  private final Map<Long, ElementInstance> instances = new HashMap<>();

  public ElementInstance get(long key) {
    return instances.get(key);
  }

  public int count() {
    return instances.size();
  }

  void activating(long key, ProcessInstanceRecord value) {
    instances.put(key, new ElementInstance(key, value, ElementState.ACTIVATING));
    ElementInstance parent = instances.get(value.flowScopeKey());
    if (parent != null) {
      parent.childActivated(key);
    }
  }

  void transition(long key, ElementState state) {
    ElementInstance instance = instances.get(key);
    if (instance != null) {
      instance.setState(state);
    }
  }

  void migrated(long key, ProcessInstanceRecord value) {
    ElementInstance instance = instances.get(key);
    if (instance != null) {
      instance.setValue(value);
    }
  }

  void ended(long key) {
    ElementInstance instance = instances.remove(key);
    if (instance != null) {
      ElementInstance parent = instances.get(instance.parentKey());
      if (parent != null) {
        parent.childEnded(key);
      }
    }
  }
  /** Every instance, for snapshots. */
  public java.util.Collection<ElementInstance> all() {
    return instances.values();
  }
}
