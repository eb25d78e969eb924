package cn.relief.workers.escalation;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what was published; drops a message whose id was published before, as the engine does. */
public class InMemoryEscalationMessages implements EscalationMessages {

  public record Published(String messageName, String correlationKey, String messageId, Map<String, Object> variables) {}

  private final List<Published> published = new CopyOnWriteArrayList<>();
  private final Set<String> ids = ConcurrentHashMap.newKeySet();

  @Override
  public void publish(String messageName, String correlationKey, String messageId, Map<String, Object> variables) {
    if (ids.add(messageName + "/" + messageId)) {
      published.add(new Published(messageName, correlationKey, messageId, variables));
    }
  }

  public List<Published> published() {
    return List.copyOf(published);
  }
}
