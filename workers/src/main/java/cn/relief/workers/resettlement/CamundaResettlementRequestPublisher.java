package cn.relief.workers.resettlement;

import cn.relief.workers.Messages;
import cn.relief.workers.messages.CamundaMessages;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Publishes through the Camunda client, so it works against the embedded engine and a real cluster. */
@Component
class CamundaResettlementRequestPublisher implements ResettlementRequestPublisher {

  /**
   * A message start event is always open, so the message correlates at once; it lives a day so that
   * a retried job within that day is recognised by its message id and starts nothing more.
   */
  static final Duration TIME_TO_LIVE = Duration.ofDays(1);

  private final CamundaMessages messages;

  CamundaResettlementRequestPublisher(CamundaMessages messages) {
    this.messages = messages;
  }

  @Override
  public void publish(String caseNumber, String messageId, Map<String, Object> variables) {
    messages.publish(Messages.RESETTLEMENT_REQUESTED, caseNumber, messageId, TIME_TO_LIVE, variables);
  }
}
