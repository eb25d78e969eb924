package cn.relief.workers.patrol;

import java.util.Map;

/** Starts a {@code relief-case} instance for a person the street patrol found: how a discovery becomes a case. */
public interface ReliefCaseStarter {

  /**
   * Starts one case per idempotency key and returns its process instance key; a repeated key returns
   * the first instance's key and starts nothing.
   */
  long start(String idempotencyKey, Map<String, Object> variables);
}
