package cn.relief.engine.state;

import cn.relief.engine.record.MessageRecord;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/** Published messages that have not expired yet; a message id is unique per name and correlation key. */
public final class MessageState {
  private record IdKey(String tenantId, String name, String correlationKey, String messageId) {}

  private final Map<Long, MessageRecord> messages = new HashMap<>();
  private final Map<IdKey, Long> byMessageId = new HashMap<>();
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

  public Iterator<JobState.Due> expired(long now) {
    return deadlines.headSet(new JobState.Due(now, Long.MAX_VALUE), true).iterator();
  }

  void published(long key, MessageRecord message) {
    messages.put(key, message);
    if (message.messageId() != null && !message.messageId().isEmpty()) {
      byMessageId.put(new IdKey(message.tenantId(), message.name(), message.correlationKey(), message.messageId()), key);
    }
    deadlines.add(new JobState.Due(message.deadline(), key));
  }

  void removed(long key) {
    MessageRecord message = messages.remove(key);
    if (message != null) {
      byMessageId.remove(new IdKey(message.tenantId(), message.name(), message.correlationKey(), message.messageId()), key);
      deadlines.remove(new JobState.Due(message.deadline(), key));
    }
  }
  /** Every buffered message, for snapshots. */
  public Map<Long, MessageRecord> all() {
    return messages;
  }
}
