package cn.relief.workers.simulation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the in-process simulators of outside systems behave ({@code relief.simulators.*}).
 *
 * @param delay time each call takes
 * @param failureRate share of calls (0..1) that fail with a technical fault; half of them before the
 *     outside system acted (request lost), half after (answer lost), which is what idempotency keys
 *     are for
 * @param seed seed of the fault draws, so a run can be repeated
 * @param policeDnaAnswerAfter when the police report the DNA comparison back as a message
 */
@ConfigurationProperties("relief.simulators")
public record SimulationProperties(
    Duration delay, Double failureRate, Long seed, Duration policeDnaAnswerAfter) {

  public SimulationProperties {
    delay = delay == null ? Duration.ofMillis(50) : delay;
    failureRate = failureRate == null ? 0.0 : failureRate;
    seed = seed == null ? 20240115L : seed;
    policeDnaAnswerAfter = policeDnaAnswerAfter == null ? Duration.ofMinutes(2) : policeDnaAnswerAfter;
    if (failureRate < 0 || failureRate > 1) {
      throw new IllegalArgumentException(
          "Expected relief.simulators.failure-rate between 0 and 1 but found " + failureRate);
    }
  }

  /** No delay, no faults: for tests. */
  public static SimulationProperties reliable() {
    return new SimulationProperties(Duration.ZERO, 0.0, 1L, Duration.ZERO);
  }
}
