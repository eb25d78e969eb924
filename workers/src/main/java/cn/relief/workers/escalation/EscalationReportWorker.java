package cn.relief.workers.escalation;

import cn.relief.workers.JobTypes;
import cn.relief.workers.Messages;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * 提级办理结果反馈: the regional centre reports the outcome back to the station that escalated
 * ({@code relief-escalation-outcome}, correlated on the case number), with the joint decision and
 * its minutes, or the escort's hand-over document, when the outcome has them.
 */
@Component
public class EscalationReportWorker {

  static final Set<String> OUTCOMES = Set.of("HANDLED", "ESCORTED", "ASSISTED", "JOINT_DECISION", "DECLINED");

  private final EscalationMessages messages;
  private final Clock clock;

  @Autowired
  EscalationReportWorker(EscalationMessages messages) {
    this(messages, Clock.system(ZoneId.of("Asia/Shanghai")));
  }

  EscalationReportWorker(EscalationMessages messages, Clock clock) {
    this.messages = messages;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.ESCALATION_REPORT)
  public Map<String, Object> report(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    String outcome = in.requiredString("escalationOutcome");
    if (!OUTCOMES.contains(outcome)) {
      throw new IllegalArgumentException("Expected escalationOutcome one of " + OUTCOMES + " but found '"
          + outcome + "'");
    }
    String reportedAt = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
        OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS));
    Map<String, Object> variables = new HashMap<>();
    variables.put("escalationOutcome", outcome);
    variables.put("escalationReport", in.string("escalationReport"));
    variables.put("escalationReportedAt", reportedAt);
    if ("JOINT_DECISION".equals(outcome)) {
      variables.put("jointDecision", in.required("jointDecision"));
      variables.put("jointDecisionDocumentId", in.required("jointDecisionDocumentId"));
    }
    if ("ESCORTED".equals(outcome)) {
      variables.put("handoverDocumentId", in.required("handoverDocumentId"));
    }
    // to the station's wait for this very request (its key names the case and the request)
    messages.publish(Messages.ESCALATION_OUTCOME, in.requiredString("escalationKey"), IdempotencyKeys.of(job),
        variables);
    return Map.of("escalationReportedAt", reportedAt);
  }
}
