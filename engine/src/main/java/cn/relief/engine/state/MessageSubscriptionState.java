package cn.relief.engine.state;

import cn.relief.engine.record.MessageStartEventSubscriptionRecord;
import cn.relief.engine.record.MessageSubscriptionRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Open message subscriptions of element instances (by name and correlation key, and by owner) and
 * of deployed processes' message start events (by name).
 */
public final class MessageSubscriptionState {
  private record NameKey(String tenantId, String name, String correlationKey) {}

  private final Map<Long, MessageSubscriptionRecord> subscriptions = new HashMap<>();
  private final Map<NameKey, Set<Long>> byNameAndKey = new HashMap<>();
  private final Map<Long, Set<Long>> byElementInstance = new HashMap<>();
  private final Map<Long, MessageStartEventSubscriptionRecord> startSubscriptions = new LinkedHashMap<>();

  public MessageSubscriptionRecord get(long key) {
    return subscriptions.get(key);
  }

  public int count() {
    return subscriptions.size();
  }

  /** Keys of the subscriptions waiting for this message, oldest first. */
  public List<Long> waitingFor(String tenantId, String name, String correlationKey) {
    return new ArrayList<>(byNameAndKey.getOrDefault(new NameKey(tenantId, name, correlationKey), Set.of()));
  }

  public Set<Long> ofElementInstance(long elementInstanceKey) {
    return byElementInstance.getOrDefault(elementInstanceKey, Set.of());
  }

  public MessageStartEventSubscriptionRecord startSubscription(long key) {
    return startSubscriptions.get(key);
  }

  /** Keys of the message start event subscriptions for this message name, oldest first. */
  public List<Long> startSubscriptionsFor(String tenantId, String name) {
    List<Long> keys = new ArrayList<>();
    startSubscriptions.forEach((key, s) -> {
      if (s.messageName().equals(name) && s.tenantId().equals(tenantId)) {
        keys.add(key);
      }
    });
    return keys;
  }

  /** Keys of the start event subscriptions of a process definition. */
  public List<Long> startSubscriptionsOf(long processDefinitionKey) {
    List<Long> keys = new ArrayList<>();
    startSubscriptions.forEach((key, s) -> {
      if (s.processDefinitionKey() == processDefinitionKey) {
        keys.add(key);
      }
    });
    return keys;
  }

  public Map<Long, MessageSubscriptionRecord> all() {
    return subscriptions;
  }

  public Map<Long, MessageStartEventSubscriptionRecord> allStartSubscriptions() {
    return startSubscriptions;
  }

  void created(long key, MessageSubscriptionRecord subscription) {
    subscriptions.put(key, subscription);
    byNameAndKey.computeIfAbsent(nameKey(subscription), k -> new LinkedHashSet<>()).add(key);
    byElementInstance.computeIfAbsent(subscription.elementInstanceKey(), k -> new LinkedHashSet<>()).add(key);
  }

  void deleted(long key) {
    MessageSubscriptionRecord subscription = subscriptions.remove(key);
    if (subscription == null) {
      return;
    }
    removeFrom(byNameAndKey, nameKey(subscription), key);
    removeFrom(byElementInstance, subscription.elementInstanceKey(), key);
  }

  void startCreated(long key, MessageStartEventSubscriptionRecord subscription) {
    startSubscriptions.put(key, subscription);
  }

  void startDeleted(long key) {
    startSubscriptions.remove(key);
  }

  private static NameKey nameKey(MessageSubscriptionRecord s) {
    return new NameKey(s.tenantId(), s.messageName(), s.correlationKey());
  }

  private static <K> void removeFrom(Map<K, Set<Long>> index, K indexKey, long key) {
    Set<Long> keys = index.get(indexKey);
    if (keys != null) {
      keys.remove(key);
      if (keys.isEmpty()) {
        index.remove(indexKey);
      }
    }
  }
}
