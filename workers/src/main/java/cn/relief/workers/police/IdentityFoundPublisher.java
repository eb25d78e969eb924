package cn.relief.workers.police;

import java.util.Map;

/** Publishes {@code relief-identity-found} for a case: how an identity result reaches the model. */
public interface IdentityFoundPublisher {

  /**
   * @param messageId the engine drops a second message with the same id while the first one lives,
   *     so a repeated answer does not correlate twice
   */
  void publish(String caseNumber, String messageId, Map<String, Object> variables);
}
