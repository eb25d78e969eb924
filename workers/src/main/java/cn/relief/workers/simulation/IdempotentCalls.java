package cn.relief.workers.simulation;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * How a simulated outside system answers a call: after a delay, sometimes with a technical fault,
 * and at most one effect per idempotency key (a repeated key returns the first result).
 */
public final class IdempotentCalls<T> {

  private final String system;
  private final SimulationProperties properties;
  private final Random faults;
  private final Map<String, T> results = new ConcurrentHashMap<>();

  public IdempotentCalls(String system, SimulationProperties properties) {
    this.system = system;
    this.properties = properties;
    this.faults = new Random(properties.seed() ^ system.hashCode());
  }

  /** Runs {@code effect} once for {@code idempotencyKey}; later calls with that key return its result. */
  public T call(String idempotencyKey, Supplier<T> effect) {
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("Expected an idempotency key for a call to " + system);
    }
    sleep();
    double draw = draw();
    double rate = properties.failureRate();
    if (draw < rate / 2) {
      throw new OutsideSystemUnavailableException(
          system + " did not answer (simulated fault before the call took effect), key " + idempotencyKey);
    }
    // computeIfAbsent: two deliveries of the same job at once still make one effect
    T result = results.computeIfAbsent(idempotencyKey, key -> effect.get());
    if (draw < rate) {
      throw new OutsideSystemUnavailableException(
          system + " did not answer (simulated fault after the call took effect), key " + idempotencyKey);
    }
    return result;
  }

  /** How many distinct effects the system has had. */
  public int effects() {
    return results.size();
  }

  private synchronized double draw() {
    return faults.nextDouble();
  }

  private void sleep() {
    long millis = properties.delay().toMillis();
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OutsideSystemUnavailableException(system + " call interrupted");
    }
  }
}
