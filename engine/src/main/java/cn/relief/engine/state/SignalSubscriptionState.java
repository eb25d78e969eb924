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
  private final Map<List<String>, Set<Long>> byName = new HashMap<>();

  public SignalSubscriptionRecord get(long key) {
    return subscriptions.get(key);
  }

  /** Keys of the subscriptions for a signal name, oldest first. */
  public List<Long> waitingFor(String tenantId, String signalName) {
    return new ArrayList<>(byName.getOrDefault(List.of(tenantId, signalName), Set.of()));
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
    byName.computeIfAbsent(List.of(subscription.tenantId(), subscription.signalName()), k -> new LinkedHashSet<>())
        .add(key);
    if (subscription.catchEventInstanceKey() > 0) {
      byElementInstance.computeIfAbsent(subscription.catchEventInstanceKey(), k -> new LinkedHashSet<>()).add(key);
    }
  }

  void deleted(long key) {
    SignalSubscriptionRecord subscription = subscriptions.remove(key);
    if (subscription != null) {
      List<String> name = List.of(subscription.tenantId(), subscription.signalName());
      Set<Long> named = byName.get(name);
      if (named != null) {
        named.remove(key);
        if (named.isEmpty()) {
          byName.remove(name);
        }
      }
    }
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
