package cn.relief.workers.escalation;

import java.util.Map;

/**
 * The messages between a station and the regional centre ({@code relief-escalation-received},
 * {@code relief-escalation-outcome}): how an escalation reaches the centre's model (keyed by case
 * number and request, one centre instance per request) and how the centre's report reaches the
 * station's case (keyed by case number).
 */
public interface EscalationMessages {

  /**
   * @param messageId the engine drops a second message with the same id while the first one lives,
   *     so a redelivered job does not start a second escalation or report twice
   */
  void publish(String messageName, String correlationKey, String messageId, Map<String, Object> variables);
}
