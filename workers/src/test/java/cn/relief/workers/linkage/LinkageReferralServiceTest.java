package cn.relief.workers.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.workers.notifications.SimulatedAgencyNotifications;
import cn.relief.workers.simulation.OutsideSystemUnavailableException;
import cn.relief.workers.simulation.SimulationProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkageReferralServiceTest {

  private static final List<String> LINKAGES = List.of("MINOR_PROTECTION", "TEMPORARY_ASSISTANCE");

  @Test
  void oneReferralPerLinkageToItsReceiver() {
    var notifications = new SimulatedAgencyNotifications(SimulationProperties.reliable());
    Map<String, String> referrals = new LinkageReferralService(notifications)
        .refer("ServiceTask_linkageReferral/21", "JZ-21", LINKAGES);

    assertThat(referrals).containsOnlyKeys(LINKAGES);
    assertThat(notifications.sent()).extracting(n -> n.agency())
        .containsExactly("MINOR_PROTECTION_CENTRE", "COUNTY_RELIEF_AGENCY");
  }

  @Test
  void retriesOfAFlakyJobSendEachReferralOnce() {
    var notifications = new SimulatedAgencyNotifications(
        new SimulationProperties(Duration.ZERO, 0.5, 3L, Duration.ZERO));
    var service = new LinkageReferralService(notifications);
    Map<String, String> referrals = null;
    for (int delivery = 0; delivery < 40 && referrals == null; delivery++) {
      try {
        referrals = service.refer("ServiceTask_linkageReferral/22", "JZ-22", LINKAGES);
      } catch (OutsideSystemUnavailableException e) {
        // the starter fails the job; the engine delivers it again with the same key
      }
    }

    assertThat(referrals).isNotNull().hasSize(2);
    assertThat(notifications.sent()).hasSize(2);
  }
}
