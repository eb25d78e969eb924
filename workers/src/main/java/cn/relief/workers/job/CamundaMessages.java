package cn.relief.workers.job;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.Map;

/**
 * Publishes a message through the Camunda client (the embedded engine or a real cluster): the one way
 * workers and simulators reach a waiting model. Blocks until the broker accepted it, so a failure
 * fails the job and the job's retry publishes again with the same message id.
 */
public final class CamundaMessages {

  private CamundaMessages() {}

  /**
   * @param messageId the engine drops a second message with the same id while the first one lives
   * @param timeToLive how long the message waits for a subscription to open
   */
  public static void publish(CamundaClient client, String name, String correlationKey, String messageId,
      Duration timeToLive, Map<String, Object> variables) {
    client.newPublishMessageCommand()
        .messageName(name)
        .correlationKey(correlationKey)
        .messageId(messageId)
        .timeToLive(timeToLive)
        .variables(variables)
        .send()
        .join();
  }
}
