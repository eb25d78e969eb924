package cn.relief.engine.state;

import cn.relief.engine.record.CompensationSubscriptionRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Completed activities waiting to be compensated, per process instance in completion order. */
public final class CompensationState {
  private final Map<Long, CompensationSubscriptionRecord> subscriptions = new LinkedHashMap<>();
  private final Map<Long, Set<Long>> byProcessInstance = new HashMap<>();
  private final Map<Long, Long> byHandlerInstance = new HashMap<>();

  public CompensationSubscriptionRecord get(long key) {
    return subscriptions.get(key);
  }

  /** Keys of the instance's compensable activities completed inside the scope, oldest first. */
  public List<Long> compensableWithin(long processInstanceKey, long scopeKey) {
    List<Long> keys = new ArrayList<>();
    for (long key : byProcessInstance.getOrDefault(processInstanceKey, Set.of())) {
      CompensationSubscriptionRecord subscription = subscriptions.get(key);
      if (subscription.compensationHandlerInstanceKey() <= 0 && subscription.scopePath().contains(scopeKey)) {
        keys.add(key);
      }
    }
    return keys;
  }

  /** The subscription whose handler runs in this element instance, or -1. */
  public long ofHandlerInstance(long handlerInstanceKey) {
    return byHandlerInstance.getOrDefault(handlerInstanceKey, -1L);
  }

  public Map<Long, CompensationSubscriptionRecord> all() {
    return subscriptions;
  }

  void created(long key, CompensationSubscriptionRecord subscription) {
    subscriptions.put(key, subscription);
    byProcessInstance.computeIfAbsent(subscription.processInstanceKey(), k -> new LinkedHashSet<>()).add(key);
    if (subscription.compensationHandlerInstanceKey() > 0) {
      byHandlerInstance.put(subscription.compensationHandlerInstanceKey(), key);
    }
  }

  void triggered(long key, CompensationSubscriptionRecord subscription) {
    subscriptions.put(key, subscription);
    byHandlerInstance.put(subscription.compensationHandlerInstanceKey(), key);
  }

  void completed(long key) {
    CompensationSubscriptionRecord subscription = subscriptions.remove(key);
    if (subscription != null) {
      byHandlerInstance.remove(subscription.compensationHandlerInstanceKey());
      Set<Long> keys = byProcessInstance.get(subscription.processInstanceKey());
      if (keys != null) {
        keys.remove(key);
        if (keys.isEmpty()) {
          byProcessInstance.remove(subscription.processInstanceKey());
        }
      }
    }
  }

  /** A process instance ended: nothing of it can be compensated any more. */
  void processInstanceEnded(long processInstanceKey) {
    for (long key : List.copyOf(byProcessInstance.getOrDefault(processInstanceKey, Set.of()))) {
      completed(key);
    }
  }
}
