package cn.relief.workers.messages;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Publishes the models' messages through the Camunda client, so it works against the embedded engine
 * and a real cluster. The publishers of each message (small interfaces, so that unit tests can use an
 * in-memory one) delegate here.
 */
@Component
public class CamundaMessages {

  private final CamundaClient client;

  public CamundaMessages(CamundaClient client) {
    this.client = client;
  }

  /**
   * @param messageId the engine drops a second message with the same id while the first one lives
   * @param timeToLive how long the message waits for a subscription to open
   */
  public void publish(String messageName, String correlationKey, String messageId, Duration timeToLive,
      Map<String, Object> variables) {
    client.newPublishMessageCommand()
        .messageName(messageName)
        .correlationKey(correlationKey)
        .messageId(messageId)
        .timeToLive(timeToLive)
        .variables(variables)
        .send()
        .join();
  }
}
