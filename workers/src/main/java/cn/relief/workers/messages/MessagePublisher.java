package cn.relief.workers.messages;

import java.time.Duration;
import java.util.Map;

/**
 * Publishes a message of the relief models, correlated on the case number: how a linkage referral
 * starts a linkage process and how an outside party's answer (a court ruling) reaches a waiting case.
 */
public interface MessagePublisher {

  /**
   * @param messageId the engine keeps one message per id while it lives, so a retried job that
   *     publishes again does not start or correlate twice; a repeat is not an error
   * @param timeToLive how long the message waits for a subscription that is not open yet
   */
  void publish(String name, String caseNumber, String messageId, Duration timeToLive,
      Map<String, Object> variables);
}
