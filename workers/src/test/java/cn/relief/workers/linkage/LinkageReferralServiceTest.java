package cn.relief.workers.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.workers.Messages;
import cn.relief.workers.notifications.SimulatedAgencyNotifications;
import cn.relief.workers.simulation.OutsideSystemUnavailableException;
import cn.relief.workers.simulation.SimulationProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkageReferralServiceTest {

  private static final List<String> LINKAGES = List.of("MINOR_PROTECTION", "TEMPORARY_ASSISTANCE");

  private static Map<String, Object> startVariables() {
    Map<String, Object> variables = new HashMap<>(Map.of("province", "广东省", "fullName", "李四", "age", 14,
        "gender", "MALE", "cause", "VAGRANCY_OR_BEGGING", "hasDisability", false, "hasSupport", false));
    variables.put("idNumber", null);
    variables.put("identityFound", null);
    return variables;
  }

  @Test
  void oneReferralPerLinkageToItsReceiver() {
    var notifications = new SimulatedAgencyNotifications(SimulationProperties.reliable());
    var messages = new RecordingMessagePublisher();
    Map<String, String> referrals = new LinkageReferralService(notifications, messages)
        .refer("ServiceTask_linkageReferral/21", "JZ-21", LINKAGES, startVariables());

    assertThat(referrals).containsOnlyKeys(LINKAGES);
    assertThat(notifications.sent()).extracting(n -> n.agency())
        .containsExactly("MINOR_PROTECTION_CENTRE", "COUNTY_RELIEF_AGENCY");
  }

  @Test
  void eachReferralStartsItsLinkageProcessWithTheCaseVariables() {
    var notifications = new SimulatedAgencyNotifications(SimulationProperties.reliable());
    var messages = new RecordingMessagePublisher();
    Map<String, String> referrals = new LinkageReferralService(notifications, messages)
        .refer("ServiceTask_linkageReferral/23", "JZ-23", LINKAGES, startVariables());

    assertThat(messages.published()).extracting(RecordingMessagePublisher.Published::name)
        .containsExactly(Messages.LINKAGE_MINOR_PROTECTION, Messages.LINKAGE_TEMPORARY_ASSISTANCE);
    var minor = messages.published().get(0);
    assertThat(minor.caseNumber()).isEqualTo("JZ-23#ServiceTask_linkageReferral/23#MINOR_PROTECTION");
    assertThat(minor.messageId()).isEqualTo("ServiceTask_linkageReferral/23#MINOR_PROTECTION");
    assertThat(minor.timeToLive()).isEqualTo(Duration.ofDays(1));
    assertThat(minor.variables()).containsEntry("caseNumber", "JZ-23").containsEntry("province", "广东省")
        .containsEntry("age", 14).containsEntry("hasSupport", false).containsEntry("linkage", "MINOR_PROTECTION")
        .containsEntry("referralNo", referrals.get("MINOR_PROTECTION"))
        .doesNotContainKeys("idNumber", "identityFound");
    assertThat(messages.published().get(1).messageId()).isEqualTo("ServiceTask_linkageReferral/23#TEMPORARY_ASSISTANCE");
  }

  @Test
  void aLinkageWithoutItsOwnProcessIsReferredOnly() {
    var messages = new RecordingMessagePublisher();
    new LinkageReferralService(new SimulatedAgencyNotifications(SimulationProperties.reliable()), messages)
        .refer("ServiceTask_linkageReferral/24", "JZ-24", List.of("SOMETHING_NEW"), startVariables());
    assertThat(messages.published()).isEmpty();
  }

  @Test
  void retriesOfAFlakyJobSendEachReferralAndStartMessageOnce() {
    var notifications = new SimulatedAgencyNotifications(
        new SimulationProperties(Duration.ZERO, 0.5, 3L, Duration.ZERO));
    var messages = new RecordingMessagePublisher();
    var service = new LinkageReferralService(notifications, messages);
    Map<String, String> referrals = null;
    for (int delivery = 0; delivery < 40 && referrals == null; delivery++) {
      try {
        referrals = service.refer("ServiceTask_linkageReferral/22", "JZ-22", LINKAGES, startVariables());
      } catch (OutsideSystemUnavailableException e) {
        // the starter fails the job; the engine delivers it again with the same key
      }
    }

    assertThat(referrals).isNotNull().hasSize(2);
    assertThat(notifications.sent()).hasSize(2);
    assertThat(messages.published()).hasSize(2);
    Map<String, String> sentReferrals = referrals;
    assertThat(messages.published()).allSatisfy(p -> assertThat(p.variables().get("referralNo"))
        .isEqualTo(sentReferrals.get((String) p.variables().get("linkage"))));
  }
}
