package cn.relief.workers.police;

import cn.relief.workers.Messages;
import cn.relief.workers.job.CamundaMessages;
import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Publishes through the Camunda client, so it works against the embedded engine and a real cluster. */
@Component
class CamundaIdentityFoundPublisher implements IdentityFoundPublisher {

  /**
   * The result may come before the case waits for it (the tracing notice can still be open): the
   * message is buffered until the receive task opens, for at most the month the police have.
   */
  static final Duration TIME_TO_LIVE = Duration.ofDays(31);

  private final CamundaClient client;

  CamundaIdentityFoundPublisher(CamundaClient client) {
    this.client = client;
  }

  @Override
  public void publish(String caseNumber, String messageId, Map<String, Object> variables) {
    CamundaMessages.publish(client, Messages.IDENTITY_FOUND, caseNumber, messageId, TIME_TO_LIVE, variables);
  }
}
