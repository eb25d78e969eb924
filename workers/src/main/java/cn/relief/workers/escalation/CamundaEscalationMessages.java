package cn.relief.workers.escalation;

import cn.relief.workers.messages.CamundaMessages;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Publishes through the Camunda client, so it works against the embedded engine and a real cluster. */
@Component
class CamundaEscalationMessages implements EscalationMessages {

  /**
   * Long enough for the receiver to open its subscription: the centre's message start event is
   * always open, and the station's case waits for the report from the moment it escalates; a day
   * covers a receiver that is redeployed or catching up.
   */
  static final Duration TIME_TO_LIVE = Duration.ofDays(1);

  private final CamundaMessages messages;

  CamundaEscalationMessages(CamundaMessages messages) {
    this.messages = messages;
  }

  @Override
  public void publish(String messageName, String correlationKey, String messageId, Map<String, Object> variables) {
    messages.publish(messageName, correlationKey, messageId, TIME_TO_LIVE, variables);
  }
}
