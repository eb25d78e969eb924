package cn.relief.workers.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotentCallsTest {

  @Test
  void theSameKeyReturnsTheFirstResultWithoutASecondEffect() {
    var calls = new IdempotentCalls<Integer>("test system", SimulationProperties.reliable());
    AtomicInteger effects = new AtomicInteger();

    int first = calls.call("task/1", effects::incrementAndGet);
    int again = calls.call("task/1", effects::incrementAndGet);
    int other = calls.call("task/2", effects::incrementAndGet);

    assertThat(first).isEqualTo(again).isEqualTo(1);
    assertThat(other).isEqualTo(2);
    assertThat(effects).hasValue(2);
    assertThat(calls.effects()).isEqualTo(2);
  }

  @Test
  void technicalFaultsAreExceptionsThatNameTheSystemAndKey() {
    var calls = new IdempotentCalls<String>("police DNA service",
        new SimulationProperties(Duration.ZERO, 1.0, 7L, Duration.ZERO));

    assertThatThrownBy(() -> calls.call("task/9", () -> "x"))
        .isInstanceOf(OutsideSystemUnavailableException.class)
        .hasMessageContaining("police DNA service")
        .hasMessageContaining("task/9");
  }

  @Test
  void retriesAfterLostRequestsAndLostAnswersMakeOneEffect() {
    var calls = new IdempotentCalls<Integer>("flaky system",
        new SimulationProperties(Duration.ZERO, 0.6, 42L, Duration.ZERO));
    AtomicInteger effects = new AtomicInteger();
    Set<Integer> answers = new HashSet<>();
    int faults = 0;

    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        answers.add(calls.call("task/7", effects::incrementAndGet));
      } catch (OutsideSystemUnavailableException e) {
        faults++;
      }
    }

    assertThat(faults).as("faults in 50 calls at a rate of 0.6").isBetween(10, 45);
    assertThat(effects).hasValue(1);
    assertThat(answers).containsExactly(1);
  }

  @Test
  void aCallNeedsAKey() {
    var calls = new IdempotentCalls<String>("test system", SimulationProperties.reliable());
    assertThatThrownBy(() -> calls.call(" ", () -> "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDelayIsSpent() {
    var calls = new IdempotentCalls<String>("slow system",
        new SimulationProperties(Duration.ofMillis(60), 0.0, 1L, Duration.ZERO));
    long start = System.nanoTime();
    calls.call("task/1", () -> "x");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(60));
  }

  @Test
  void aFailureRateOutsideZeroToOneIsRejected() {
    assertThatThrownBy(() -> new SimulationProperties(null, 1.5, null, null))
        .hasMessageContaining("relief.simulators.failure-rate");
  }
}
