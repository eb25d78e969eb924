package cn.relief.engine.state;

import cn.relief.engine.record.SignalSubscriptionRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Open signal subscriptions: of element instances and of deployed processes' signal start events. */
public final class SignalSubscriptionState {
  private final Map<Long, SignalSubscriptionRecord> subscriptions = new LinkedHashMap<>();
  private final Map<Long, Set<Long>> byElementInstance = new HashMap<>();

  public SignalSubscriptionRecord get(long key) {
    return subscriptions.get(key);
  }

  /** Keys of the subscriptions for a signal name, oldest first. */
  public List<Long> waitingFor(String tenantId, String signalName) {
    List<Long> keys = new ArrayList<>();
    subscriptions.forEach((key, s) -> {
      if (s.signalName().equals(signalName) && s.tenantId().equals(tenantId)) {
        keys.add(key);
      }
    });
    return keys;
  }

  public Set<Long> ofElementInstance(long elementInstanceKey) {
    return byElementInstance.getOrDefault(elementInstanceKey, Set.of());
  }

  /** Keys of the start event subscriptions of a process definition. */
  public List<Long> startSubscriptionsOf(long processDefinitionKey) {
    List<Long> keys = new ArrayList<>();
    subscriptions.forEach((key, s) -> {
      if (s.catchEventInstanceKey() <= 0 && s.processDefinitionKey() == processDefinitionKey) {
        keys.add(key);
      }
    });
    return keys;
  }

  public Map<Long, SignalSubscriptionRecord> all() {
    return subscriptions;
  }

  void created(long key, SignalSubscriptionRecord subscription) {
    subscriptions.put(key, subscription);
    if (subscription.catchEventInstanceKey() > 0) {
      byElementInstance.computeIfAbsent(subscription.catchEventInstanceKey(), k -> new LinkedHashSet<>()).add(key);
    }
  }

  void deleted(long key) {
    SignalSubscriptionRecord subscription = subscriptions.remove(key);
    if (subscription != null && subscription.catchEventInstanceKey() > 0) {
      Set<Long> keys = byElementInstance.get(subscription.catchEventInstanceKey());
      if (keys != null) {
        keys.remove(key);
        if (keys.isEmpty()) {
          byElementInstance.remove(subscription.catchEventInstanceKey());
        }
      }
    }
  }
}
