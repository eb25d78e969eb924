package cn.relief.workers.police;

import cn.relief.workers.Messages;
import cn.relief.workers.messages.CamundaMessages;
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

  private final CamundaMessages messages;

  CamundaIdentityFoundPublisher(CamundaMessages messages) {
    this.messages = messages;
  }

  @Override
  public void publish(String caseNumber, String messageId, Map<String, Object> variables) {
    messages.publish(Messages.IDENTITY_FOUND, caseNumber, messageId, TIME_TO_LIVE, variables);
  }
}
