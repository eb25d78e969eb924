package cn.relief.workers.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.relief.workers.JobTypes;
import cn.relief.workers.Messages;
import cn.relief.workers.TestJob;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The regional centre's report back to the station, with an in-memory publisher. */
class EscalationReportWorkerTest {

  private final InMemoryEscalationMessages messages = new InMemoryEscalationMessages();
  private final EscalationReportWorker report = new EscalationReportWorker(messages,
      Clock.fixed(Instant.parse("2026-12-01T02:30:00Z"), ZoneId.of("Asia/Shanghai")));

  private static TestJob job(String type, String elementId, long elementInstanceKey, Map<String, Object> variables) {
    return new TestJob(elementInstanceKey + 1, type, elementId, elementInstanceKey, variables);
  }

  @Test
  void theJointDecisionIsReportedWithItsMinutes() {
    Map<String, Object> variables = new HashMap<>(Map.of("caseNumber", "JZ-GX-00000004", "escalationKey", "JZ-GX-00000004#ServiceTask_escalationRequest/1",
        "escalationOutcome", "JOINT_DECISION", "escalationReport", "由教育部门安排就学，公安继续寻亲",
        "jointDecision", "由教育部门安排就学，公安继续寻亲", "jointDecisionDocumentId",
        "JZ-GX-00000004/ServiceTask_minutes/81/joint_minutes.pdf"));
    Map<String, Object> out = report.report(job(JobTypes.ESCALATION_REPORT, "ServiceTask_escalationReport", 81,
        variables));

    assertThat(out).containsEntry("escalationReportedAt", "2026-12-01T10:30:00+08:00");
    assertThat(messages.published()).singleElement().satisfies(m -> {
      assertThat(m.messageName()).isEqualTo("relief-escalation-outcome");
      assertThat(m.correlationKey()).isEqualTo("JZ-GX-00000004#ServiceTask_escalationRequest/1");
      assertThat(m.messageId()).isEqualTo("ServiceTask_escalationReport/81");
      assertThat(m.variables()).containsEntry("escalationOutcome", "JOINT_DECISION")
          .containsEntry("jointDecision", "由教育部门安排就学，公安继续寻亲")
          .containsEntry("jointDecisionDocumentId", "JZ-GX-00000004/ServiceTask_minutes/81/joint_minutes.pdf")
          .containsEntry("escalationReportedAt", "2026-12-01T10:30:00+08:00")
          .doesNotContainKey("handoverDocumentId");
    });
  }

  @Test
  void aDeclinedEscalationIsReportedWithoutDocuments() {
    report.report(job(JobTypes.ESCALATION_REPORT, "ServiceTask_escalationReport", 91, Map.of(
        "caseNumber", "JZ-GD-00000005", "escalationKey", "JZ-GD-00000005#k", "escalationOutcome", "DECLINED", "escalationReport", "本站可自行办理")));
    assertThat(messages.published().get(0).variables()).containsEntry("escalationOutcome", "DECLINED")
        .containsEntry("escalationReport", "本站可自行办理").doesNotContainKeys("jointDecision", "handoverDocumentId");
  }

  @Test
  void anEscortIsReportedWithTheHandoverDocumentAndAnUnknownOutcomeIsAModellingFault() {
    report.report(job(JobTypes.ESCALATION_REPORT, "ServiceTask_escalationReport", 101, Map.of(
        "caseNumber", "JZ-HA-00000008", "escalationKey", "JZ-HA-00000008#k", "escalationOutcome", "ESCORTED", "handoverDocumentId", "HD-1")));
    assertThat(messages.published().get(0).variables()).containsEntry("handoverDocumentId", "HD-1");

    assertThatThrownBy(() -> report.report(job(JobTypes.ESCALATION_REPORT, "ServiceTask_escalationReport", 111,
        Map.of("caseNumber", "JZ-HA-00000008", "escalationOutcome", "SOMETHING"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SOMETHING");
  }
}
