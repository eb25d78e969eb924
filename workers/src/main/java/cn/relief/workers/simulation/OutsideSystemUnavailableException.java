package cn.relief.workers.simulation;

/**
 * A technical fault of an outside system (timeout, connection refused, 5xx). Workers let it
 * propagate: the starter fails the job, the engine retries it and raises an incident when the
 * retries are used up.
 */
public class OutsideSystemUnavailableException extends RuntimeException {

  public OutsideSystemUnavailableException(String message) {
    super(message);
  }
}
