package cn.relief.workers.messages;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Publishes the models' messages through the Camunda client, so it works against the embedded engine
 * and a real cluster: the one way workers and simulators reach a waiting model. The publishers of
 * each message (small interfaces, so that unit tests can use an in-memory one) delegate here. Blocks
 * until the broker accepted it, so a failure fails the job and its retry publishes again with the
 * same message id.
 */
@Component
public class CamundaMessages implements MessagePublisher {

  private final CamundaClient client;

  public CamundaMessages(CamundaClient client) {
    this.client = client;
  }

  /**
   * @param messageId the engine drops a second message with the same id while the first one lives;
   *     such a repeat (a retried job that had published before failing) is not an error
   * @param timeToLive how long the message waits for a subscription to open
   */
  @Override
  public void publish(String messageName, String correlationKey, String messageId, Duration timeToLive,
      Map<String, Object> variables) {
    try {
      client.newPublishMessageCommand()
          .messageName(messageName)
          .correlationKey(correlationKey)
          .messageId(messageId)
          .timeToLive(timeToLive)
          .variables(variables)
          .send()
          .join();
    } catch (RuntimeException e) {
      if (!alreadyPublished(e)) {
        throw e;
      }
    }
  }

  /** The engine refuses a second message with a living message's id: gRPC ALREADY_EXISTS, REST 409. */
  static boolean alreadyPublished(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ClientStatusException status && status.getStatusCode() == Status.Code.ALREADY_EXISTS) {
        return true;
      }
      if (cause instanceof ClientHttpException http && http.code() == 409) {
        return true;
      }
    }
    return false;
  }
}
