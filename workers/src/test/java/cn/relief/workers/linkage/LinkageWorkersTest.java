package cn.relief.workers.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.relief.workers.JobTypes;
import cn.relief.workers.TestJob;
import cn.relief.workers.notifications.AgencyNotifications.Notification;
import cn.relief.workers.notifications.SimulatedAgencyNotifications;
import cn.relief.workers.simulation.SimulationProperties;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The workers of the linkage processes, each with its simulated outside system behind. */
class LinkageWorkersTest {

  private final SimulatedAgencyNotifications notifications =
      new SimulatedAgencyNotifications(SimulationProperties.reliable());

  private static TestJob job(String type, String elementId, long elementInstanceKey, Map<String, Object> variables) {
    return new TestJob(elementInstanceKey + 1, type, elementId, elementInstanceKey, variables);
  }

  private Notification last() {
    List<Notification> sent = notifications.sent();
    return sent.get(sent.size() - 1);
  }

  @SuppressWarnings("unchecked")
  @Test
  void theReferralWorkerPassesTheCaseVariablesToTheStartMessages() {
    var messages = new RecordingMessagePublisher();
    var worker = new LinkageReferralWorker(new LinkageReferralService(notifications, messages));
    Map<String, Object> variables = new HashMap<>(Map.of("caseNumber", "JZ-41", "linkages",
        List.of("DOMESTIC_VIOLENCE_SHELTER"), "province", "广西壮族自治区", "fullName", "赵某", "age", 32,
        "gender", "FEMALE", "cause", "DOMESTIC_VIOLENCE", "hasDisability", false, "hasSupport", false,
        "accommodationArea", "FEMALE_AREA"));
    Map<String, Object> out = worker.refer(job(JobTypes.LINKAGE_REFERRAL, "ServiceTask_linkageReferral", 41, variables));

    assertThat((Map<String, String>) out.get("linkageReferrals")).containsOnlyKeys("DOMESTIC_VIOLENCE_SHELTER");
    assertThat(messages.published()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("relief-linkage-domestic-violence-shelter");
      assertThat(p.messageId()).isEqualTo("ServiceTask_linkageReferral/41#DOMESTIC_VIOLENCE_SHELTER");
      assertThat(p.variables()).containsEntry("fullName", "赵某").containsEntry("gender", "FEMALE")
          .doesNotContainKeys("accommodationArea", "linkages");
    });
  }

  @Test
  void aPoliceReportNamesTheCaseButNotThePerson() {
    Map<String, Object> out = new PoliceReportWorker(notifications).report(job(JobTypes.POLICE_REPORT,
        "ServiceTask_policeReport", 42, Map.of("caseNumber", "JZ-42", "reportGround", "MINOR_HARM",
            "description", "身上多处伤痕", "confidential", true, "fullName", "小明")));

    assertThat(out).containsKey("policeReportNo");
    assertThat(last().agency()).isEqualTo("POLICE");
    assertThat(last().subject()).contains("第十一条");
    assertThat(last().details()).containsEntry("description", "身上多处伤痕").doesNotContainValue("小明");
    assertThatThrownBy(() -> new PoliceReportWorker(notifications).report(job(JobTypes.POLICE_REPORT,
        "ServiceTask_policeReport", 43, Map.of("caseNumber", "JZ-43", "reportGround", "THEFT"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reportGround");
  }

  @Test
  void aPaymentIsMadeOncePerJobAndNeedsAnAmountAndAKind() {
    var worker = new AssistancePaymentWorker(notifications);
    TestJob job = job(JobTypes.ASSISTANCE_PAYMENT, "ServiceTask_urgentPayment", 44, Map.of("caseNumber", "JZ-44",
        "assistanceAmount", 800, "assistanceKind", "CASH", "urgent", true, "reason", "务工不着，身无分文"));
    Map<String, Object> first = worker.pay(job);
    assertThat(worker.pay(job)).isEqualTo(first);
    assertThat(notifications.sent()).hasSize(1);
    assertThat(last().subject()).isEqualTo("临时救助先行救助发放");
    assertThat(last().details()).containsEntry("assistanceAmount", "800");
    assertThatThrownBy(() -> worker.pay(job(JobTypes.ASSISTANCE_PAYMENT, "ServiceTask_payment", 45,
        Map.of("caseNumber", "JZ-45", "assistanceAmount", 0, "assistanceKind", "CASH"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("assistanceAmount");
    assertThatThrownBy(() -> worker.pay(job(JobTypes.ASSISTANCE_PAYMENT, "ServiceTask_payment", 46,
        Map.of("caseNumber", "JZ-46", "assistanceAmount", 10, "assistanceKind", "CHEQUE"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("assistanceKind");
  }

  @Test
  void theOutcomeRecordLeavesConfidentialValuesOut() {
    var worker = new LinkageOutcomeWorker(notifications);
    Map<String, Object> details = new HashMap<>(Map.of("protectionOrderNo", "BHL-000001",
        "shelterLocation", "某庇护点", "fullName", "小明", "minorConfidential", true));
    details.put("protectionOrderValidUntil", null);
    Map<String, Object> out = worker.record(job(JobTypes.LINKAGE_OUTCOME, "ServiceTask_outcome", 47,
        Map.of("caseNumber", "JZ-47", "linkage", "MINOR_PROTECTION", "outcome", "RETURN_TO_GUARDIAN",
            "details", details)));

    assertThat(out).containsKey("linkageOutcomeNo");
    assertThat(last().details()).containsEntry("outcome", "RETURN_TO_GUARDIAN")
        .containsEntry("protectionOrderNo", "BHL-000001").doesNotContainKeys("shelterLocation", "fullName");
  }
}
