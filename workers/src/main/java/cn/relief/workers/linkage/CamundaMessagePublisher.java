package cn.relief.workers.linkage;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Publishes through the Camunda client, so it works against the embedded engine and a real cluster. */
@Component
class CamundaMessagePublisher implements MessagePublisher {

  private final CamundaClient client;

  CamundaMessagePublisher(CamundaClient client) {
    this.client = client;
  }

  @Override
  public void publish(String name, String caseNumber, String messageId, Duration timeToLive,
      Map<String, Object> variables) {
    try {
      client.newPublishMessageCommand()
          .messageName(name)
          .correlationKey(caseNumber)
          .messageId(messageId)
          .timeToLive(timeToLive)
          .variables(variables)
          .send()
          .join();
    } catch (RuntimeException e) {
      if (!alreadyPublished(e)) {
        throw e;
      }
      // a retry of a job whose first delivery published before failing: the message is there
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
