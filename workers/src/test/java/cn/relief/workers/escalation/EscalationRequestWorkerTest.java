package cn.relief.workers.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.relief.workers.JobTypes;
import cn.relief.workers.Messages;
import cn.relief.workers.TestJob;
import cn.relief.workers.notifications.SimulatedAgencyNotifications;
import cn.relief.workers.simulation.SimulationProperties;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The station's request to the regional centre: a notification, then the message that starts the centre's process. */
class EscalationRequestWorkerTest {

  private final InMemoryEscalationMessages messages = new InMemoryEscalationMessages();
  private final SimulatedAgencyNotifications notifications =
      new SimulatedAgencyNotifications(SimulationProperties.reliable());
  private final EscalationRequestWorker request = new EscalationRequestWorker(notifications, messages);

  private static Map<String, Object> minorCase() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("caseNumber", "JZ-GX-00000004");
    variables.put("province", "广西壮族自治区");
    variables.put("escalation", Map.of("escalateTo", "regional-centre", "mechanism", "JOINT_HANDLING",
        "reason", "未成年人，区域性中心牵头协同会办"));
    variables.put("jointAgencies", List.of("police", "health", "education"));
    variables.put("fullName", "小明");
    variables.put("age", 14);
    variables.put("gender", "MALE");
    variables.put("cause", "DOMESTIC_VIOLENCE");
    variables.put("identityFound", false);
    variables.put("medicalComplex", true);
    variables.put("stayLimit", "P10D"); // a case variable the centre does not need
    return variables;
  }

  private static TestJob job(String type, String elementId, long elementInstanceKey, Map<String, Object> variables) {
    return new TestJob(elementInstanceKey + 1, type, elementId, elementInstanceKey, variables);
  }

  @Test
  void theRequestNotifiesTheCentreThenStartsItsProcessWithTheCaseSummary() {
    Map<String, Object> out = request.request(
        job(JobTypes.ESCALATION_REQUEST, "ServiceTask_escalationRequest", 41, minorCase()));

    assertThat(out).containsEntry("escalationRequestNo", "TZ-000001");
    assertThat(notifications.sent()).singleElement().satisfies(n -> {
      assertThat(n.agency()).isEqualTo("regional-centre");
      assertThat(n.details()).containsEntry("mechanism", "JOINT_HANDLING");
    });
    assertThat(messages.published()).singleElement().satisfies(m -> {
      assertThat(m.messageName()).isEqualTo(Messages.ESCALATION_RECEIVED).isEqualTo("relief-escalation-received");
      assertThat(m.correlationKey()).isEqualTo("JZ-GX-00000004#" + m.messageId());
      assertThat(m.messageId()).isEqualTo("ServiceTask_escalationRequest/41");
      assertThat(m.variables()).containsEntry("caseNumber", "JZ-GX-00000004")
          .containsEntry("province", "广西壮族自治区")
          .containsEntry("escalatedStep", "CASE")
          .containsEntry("jointAgencies", List.of("police", "health", "education"))
          .containsEntry("fullName", "小明").containsEntry("age", 14).containsEntry("gender", "MALE")
          .containsEntry("cause", "DOMESTIC_VIOLENCE").containsEntry("identityFound", false)
          .containsEntry("medicalComplex", true).containsEntry("destination", null)
          .containsEntry("escalationRequestNo", "TZ-000001")
          .doesNotContainKey("stayLimit");
      assertThat((Map<String, Object>) m.variables().get("escalation")).containsEntry("mechanism", "JOINT_HANDLING");
    });
  }

  @Test
  void aRedeliveredRequestNotifiesOnceAndPublishesOnce() {
    TestJob job = job(JobTypes.ESCALATION_REQUEST, "ServiceTask_escalationRequest", 51, minorCase());
    Map<String, Object> first = request.request(job);
    Map<String, Object> again = request.request(job);

    assertThat(again).isEqualTo(first);
    assertThat(notifications.sent()).hasSize(1);
    assertThat(messages.published()).hasSize(1);
  }

  @Test
  void theStepTheModelNamesIsHandedUp() {
    Map<String, Object> variables = minorCase();
    variables.put("escalatedStep", "CROSS_PROVINCE_ESCORT");
    variables.put("destination", "贵州省遵义市");
    request.request(job(JobTypes.ESCALATION_REQUEST, "ServiceTask_escalationRequestStranded", 61, variables));

    assertThat(messages.published().get(0).variables()).containsEntry("escalatedStep", "CROSS_PROVINCE_ESCORT")
        .containsEntry("destination", "贵州省遵义市");
  }

  @Test
  void aRequestWithoutTheDecisionNamesTheVariable() {
    Map<String, Object> variables = minorCase();
    variables.remove("escalation");
    assertThatThrownBy(() -> request.request(job(JobTypes.ESCALATION_REQUEST, "ServiceTask_escalationRequest", 71,
        variables))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'escalation'");
    assertThat(messages.published()).isEmpty();
  }
}
