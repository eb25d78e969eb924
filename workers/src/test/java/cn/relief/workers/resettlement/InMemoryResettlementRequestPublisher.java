package cn.relief.workers.resettlement;

import java.util.LinkedHashMap;
import java.util.Map;

/** Keeps the messages by message id, as the engine does: a second message with the same id is dropped. */
public class InMemoryResettlementRequestPublisher implements ResettlementRequestPublisher {

  public record Published(String caseNumber, Map<String, Object> variables) {}

  private final Map<String, Published> published = new LinkedHashMap<>();

  @Override
  public synchronized void publish(String caseNumber, String messageId, Map<String, Object> variables) {
    published.putIfAbsent(messageId, new Published(caseNumber, Map.copyOf(variables)));
  }

  public synchronized Map<String, Published> published() {
    return Map.copyOf(published);
  }
}
