package cn.relief.engine.state;

import cn.relief.engine.record.MessageRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Published messages that have not expired yet (a message id is unique per name and correlation
 * key), which processes each was correlated to (a message reaches a process only once), and which
 * process instances a message start event created per correlation key (only one may be active).
 */
public final class MessageState {
  private record IdKey(String tenantId, String name, String correlationKey, String messageId) {}

  private record NameKey(String tenantId, String name, String correlationKey) {}

  private record ProcessAndKey(String bpmnProcessId, String correlationKey) {}

  private final Map<Long, MessageRecord> messages = new HashMap<>();
  private final Map<IdKey, Long> byMessageId = new HashMap<>();
  private final Map<NameKey, Set<Long>> byNameAndKey = new HashMap<>();
  private final Map<Long, Set<String>> correlatedProcesses = new HashMap<>();
  private final Map<ProcessAndKey, Long> activeStartedInstances = new HashMap<>();
  private final Map<Long, ProcessAndKey> startedInstanceKeys = new HashMap<>();
  private final NavigableSet<JobState.Due> deadlines =
      new TreeSet<>(Comparator.comparingLong(JobState.Due::time).thenComparingLong(JobState.Due::key));

  public MessageRecord get(long key) {
    return messages.get(key);
  }

  public int count() {
    return messages.size();
  }

  public boolean existsWithId(String tenantId, String name, String correlationKey, String messageId) {
    return messageId != null && !messageId.isEmpty()
        && byMessageId.containsKey(new IdKey(tenantId, name, correlationKey, messageId));
  }

  /** Buffered messages with this name and correlation key, oldest first. */
  public List<Long> buffered(String tenantId, String name, String correlationKey) {
    return new ArrayList<>(byNameAndKey.getOrDefault(new NameKey(tenantId, name, correlationKey), Set.of()));
  }

  public boolean wasCorrelatedTo(long messageKey, String bpmnProcessId) {
    return correlatedProcesses.getOrDefault(messageKey, Set.of()).contains(bpmnProcessId);
  }

  /** Whether an instance created by a message start event with this correlation key is still active. */
  public boolean hasActiveStartedInstance(String bpmnProcessId, String correlationKey) {
    return correlationKey != null && !correlationKey.isEmpty()
        && activeStartedInstances.containsKey(new ProcessAndKey(bpmnProcessId, correlationKey));
  }

  /** The correlation key of the message that started this instance, or null. */
  public String startCorrelationKeyOf(long processInstanceKey) {
    ProcessAndKey started = startedInstanceKeys.get(processInstanceKey);
    return started == null ? null : started.correlationKey();
  }

  public Iterator<JobState.Due> expired(long now) {
    return deadlines.headSet(new JobState.Due(now, Long.MAX_VALUE), true).iterator();
  }

  /** Every buffered message, for snapshots. */
  public Map<Long, MessageRecord> all() {
    return messages;
  }

  public Map<Long, Set<String>> allCorrelatedProcesses() {
    return correlatedProcesses;
  }

  /** Instances created by message start events: process instance key → process id and correlation key. */
  public Map<Long, List<String>> allStartedInstances() {
    Map<Long, List<String>> all = new HashMap<>();
    startedInstanceKeys.forEach((key, value) -> all.put(key, List.of(value.bpmnProcessId(), value.correlationKey())));
    return all;
  }

  void published(long key, MessageRecord message) {
    messages.put(key, message);
    if (message.messageId() != null && !message.messageId().isEmpty()) {
      byMessageId.put(new IdKey(message.tenantId(), message.name(), message.correlationKey(), message.messageId()), key);
    }
    byNameAndKey.computeIfAbsent(nameKey(message), k -> new LinkedHashSet<>()).add(key);
    deadlines.add(new JobState.Due(message.deadline(), key));
  }

  void removed(long key) {
    MessageRecord message = messages.remove(key);
    correlatedProcesses.remove(key);
    if (message != null) {
      byMessageId.remove(new IdKey(message.tenantId(), message.name(), message.correlationKey(), message.messageId()), key);
      Set<Long> keys = byNameAndKey.get(nameKey(message));
      if (keys != null) {
        keys.remove(key);
        if (keys.isEmpty()) {
          byNameAndKey.remove(nameKey(message));
        }
      }
      deadlines.remove(new JobState.Due(message.deadline(), key));
    }
  }

  void correlated(long messageKey, String bpmnProcessId) {
    if (messages.containsKey(messageKey)) {
      correlatedProcesses.computeIfAbsent(messageKey, k -> new HashSet<>()).add(bpmnProcessId);
    }
  }

  void instanceStarted(long processInstanceKey, String bpmnProcessId, String correlationKey) {
    if (correlationKey != null && !correlationKey.isEmpty()) {
      ProcessAndKey started = new ProcessAndKey(bpmnProcessId, correlationKey);
      activeStartedInstances.put(started, processInstanceKey);
      startedInstanceKeys.put(processInstanceKey, started);
    }
  }

  void instanceEnded(long processInstanceKey) {
    ProcessAndKey started = startedInstanceKeys.remove(processInstanceKey);
    if (started != null) {
      activeStartedInstances.remove(started);
    }
  }

  private static NameKey nameKey(MessageRecord message) {
    return new NameKey(message.tenantId(), message.name(), message.correlationKey());
  }
}
