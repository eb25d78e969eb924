package cn.relief.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.api.EngineApi.ActivateJobs;
import cn.relief.engine.api.EngineApi.ActivatedJob;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The waiting job activations are bounded, and a job type nobody waits for any more is forgotten. */
class LongPollsTest {

  @Test
  void refusesBeyondItsLimitAndTakesMoreOnceWaitersLeave() {
    LongPolls polls = new LongPolls(3);
    for (int i = 0; i < 3; i++) {
      assertThat(polls.add(waiter("a", 1_000))).isTrue();
    }
    assertThat(polls.add(waiter("b", 1_000))).as("a fourth waiter").isFalse();
    assertThat(polls.size()).isEqualTo(3);

    assertThat(polls.takeOne("a")).isNotNull();
    assertThat(polls.add(waiter("b", 1_000))).as("after one was taken").isTrue();
    assertThat(polls.takeAll("a")).hasSize(2);
    assertThat(polls.size()).isEqualTo(1);
    polls.expire(2_000);
    assertThat(polls.size()).isZero();
  }

  @Test
  void forgetsJobTypesNobodyWaitsFor() {
    LongPolls polls = new LongPolls(100_000);
    for (int i = 0; i < 10_000; i++) {
      polls.add(waiter("type-" + i, 1_000));
    }
    polls.expire(2_000); // all answered: their types are gone
    assertThat(polls.types()).isZero();

    CompletableFuture<List<ActivatedJob>> reply = new CompletableFuture<>();
    polls.add(new LongPolls.Waiter(activation("kept"), reply, 5_000));
    polls.add(waiter("abandoned", 5_000));
    polls.takeAll("abandoned");
    polls.expire(2_000);
    assertThat(polls.types()).as("only the type someone still waits for").isEqualTo(1);
    assertThat(reply).isNotDone();
  }

  private static LongPolls.Waiter waiter(String type, long expiresAt) {
    return new LongPolls.Waiter(activation(type), new CompletableFuture<>(), expiresAt);
  }

  private static ActivateJobs activation(String type) {
    return new ActivateJobs(type, "worker", Duration.ofMinutes(1), 1, List.of(), Duration.ofSeconds(10), List.of());
  }
}
