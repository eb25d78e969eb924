package cn.relief.workers.court;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.relief.workers.Messages;
import cn.relief.workers.messages.MessagePublisher;
import cn.relief.workers.simulation.SimulationProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedCourtTest {

  record Published(String name, String caseNumber, String messageId, Duration timeToLive,
      Map<String, Object> variables) {}

  private final List<Published> published = new CopyOnWriteArrayList<>();
  private final CountDownLatch ruled = new CountDownLatch(1);
  private final MessagePublisher publisher = (name, caseNumber, messageId, ttl, variables) -> {
    published.add(new Published(name, caseNumber, messageId, ttl, variables));
    ruled.countDown();
  };
  private final SimulatedCourt court = new SimulatedCourt(SimulationProperties.reliable(), publisher,
      Duration.ofMillis(200), Clock.fixed(Instant.parse("2026-12-01T02:00:00Z"), ZoneId.of("Asia/Shanghai")));

  @AfterEach
  void close() {
    court.close();
  }

  @Test
  void theRulingArrivesLaterAsAMessageOnTheCaseNumberValidForAtMostSixMonths() throws InterruptedException {
    String applicationNo = court.applyForProtectionOrder("ServiceTask_protectionOrderApplication/31",
        new CourtService.ProtectionOrderApplication("JZ-GD-00000031", "某区人民法院", "王某", "多次殴打，有就诊记录",
            true, "JZ-GD-00000031/x/protection_order_application.pdf"));
    assertThat(published).as("no ruling at once").isEmpty();

    assertThat(ruled.await(5, TimeUnit.SECONDS)).isTrue();
    Published ruling = published.get(0);
    assertThat(ruling.name()).isEqualTo(Messages.PROTECTION_ORDER_RULED);
    assertThat(ruling.caseNumber()).isEqualTo("JZ-GD-00000031");
    assertThat(ruling.messageId()).isEqualTo(applicationNo);
    assertThat(ruling.variables()).containsEntry("protectionOrderGranted", true)
        .containsEntry("protectionOrderNo", applicationNo.replace("BHLSQ-", "BHL-"))
        .containsEntry("protectionOrderValidUntil", "2027-06-01");
  }

  @Test
  void aRepeatedApplicationIsOneApplicationAndOneRuling() throws InterruptedException {
    var application = new CourtService.ProtectionOrderApplication("JZ-GD-00000032", "某区人民法院", "王某", "殴打",
        false, null);
    String first = court.applyForProtectionOrder("ServiceTask_protectionOrderApplication/32", application);
    String again = court.applyForProtectionOrder("ServiceTask_protectionOrderApplication/32", application);

    assertThat(again).isEqualTo(first);
    assertThat(ruled.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(400);
    assertThat(published).hasSize(1);
  }

  @Test
  void anApplicationWithoutFactsIsRefused() {
    var application = new CourtService.ProtectionOrderApplication("JZ-GD-00000033", "某区人民法院", "王某", " ",
        false, null);
    assertThat(court.ruling(application, "BHLSQ-000009")).containsEntry("protectionOrderGranted", false)
        .doesNotContainKeys("protectionOrderNo", "protectionOrderValidUntil");
  }

  @Test
  void aGuardianshipRevocationIsFiledOnceAndNeedsACourt() {
    var revocation = new CourtService.GuardianshipRevocation("JZ-GD-00000034", "某区人民法院", "长期组织乞讨", "LSJH-000001");
    String first = court.applyForGuardianshipRevocation("ServiceTask_revocationFiling/34", revocation);
    assertThat(court.applyForGuardianshipRevocation("ServiceTask_revocationFiling/34", revocation)).isEqualTo(first)
        .startsWith("CXJH-");
    assertThatThrownBy(() -> court.applyForGuardianshipRevocation("ServiceTask_revocationFiling/35",
        new CourtService.GuardianshipRevocation("JZ-GD-00000035", " ", "理由", null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("court");
  }
}
