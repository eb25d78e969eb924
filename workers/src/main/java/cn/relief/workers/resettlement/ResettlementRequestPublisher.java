package cn.relief.workers.resettlement;

import java.util.Map;

/** Publishes {@code relief-resettlement-requested} for a case: how a case starts {@code resettlement}. */
public interface ResettlementRequestPublisher {

  /**
   * @param messageId the engine drops a second message with the same id while the first one lives,
   *     so a retried job does not start a second resettlement
   */
  void publish(String caseNumber, String messageId, Map<String, Object> variables);
}
