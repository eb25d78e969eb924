package cn.relief.workers.linkage;

import cn.relief.workers.messages.MessagePublisher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory message publisher: keeps what was published and, like the engine, one message per id. */
public class RecordingMessagePublisher implements MessagePublisher {

  public record Published(String name, String caseNumber, String messageId, Duration timeToLive,
      Map<String, Object> variables) {}

  private final List<Published> published = new CopyOnWriteArrayList<>();

  @Override
  public void publish(String name, String caseNumber, String messageId, Duration timeToLive,
      Map<String, Object> variables) {
    if (published.stream().noneMatch(p -> p.messageId().equals(messageId) && p.name().equals(name))) {
      published.add(new Published(name, caseNumber, messageId, timeToLive, Map.copyOf(variables)));
    }
  }

  public List<Published> published() {
    return List.copyOf(published);
  }
}
