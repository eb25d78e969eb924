package cn.relief.workers.police;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.workers.simulation.SimulationProperties;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedPoliceDnaServiceTest {

  record Published(String caseNumber, String messageId, Map<String, Object> variables) {}

  private final List<Published> published = new CopyOnWriteArrayList<>();
  private final CountDownLatch answered = new CountDownLatch(1);
  private final SimulatedPoliceDnaService police = new SimulatedPoliceDnaService(
      new SimulationProperties(Duration.ZERO, 0.0, 1L, Duration.ofMillis(200)),
      (caseNumber, messageId, variables) -> {
        published.add(new Published(caseNumber, messageId, variables));
        answered.countDown();
      });

  @AfterEach
  void close() {
    police.close();
  }

  @Test
  void aMatchArrivesLaterAsTheIdentityFoundMessageOnTheCaseNumber() throws InterruptedException {
    String requestNo = police.requestDna("ServiceTask_dnaRequestLetter/11",
        new PoliceDnaService.DnaRequest("JZ-GD-00000002", "某派出所", LocalDate.of(2026, 12, 1)));
    assertThat(published).as("no answer at once").isEmpty();

    assertThat(answered.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(published).containsExactly(new Published("JZ-GD-00000002", requestNo,
        Map.of("identityFound", true, "identifiedBy", "DNA", "dnaReportNo", requestNo)));
  }

  @Test
  void aRepeatedRequestIsOneRequestAndOneAnswer() throws InterruptedException {
    var request = new PoliceDnaService.DnaRequest("JZ-GD-00000004", "某派出所", LocalDate.of(2026, 12, 1));
    String first = police.requestDna("ServiceTask_dnaRequestLetter/12", request);
    String again = police.requestDna("ServiceTask_dnaRequestLetter/12", request);

    assertThat(again).isEqualTo(first);
    assertThat(answered.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(400);
    assertThat(published).hasSize(1);
  }

  @Test
  void noMatchSendsNoMessage() throws InterruptedException {
    police.requestDna("ServiceTask_dnaRequestLetter/13",
        new PoliceDnaService.DnaRequest("JZ-GD-00000003", "某派出所", LocalDate.of(2026, 12, 1)));
    assertThat(answered.await(600, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(published).isEmpty();
    assertThat(SimulatedPoliceDnaService.familyFound("JZ-GD-00000003")).isFalse();
  }
}
