package cn.relief.workers.escalation;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import cn.relief.workers.notifications.AgencyNotifications;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * 提级办理 / 下沉协助 / 协同会办: the request to the agency the decision table {@code escalation}
 * named ({@code escalation.escalateTo}), with the joint agencies when there are any.
 */
@Component
public class EscalationRequestWorker {

  private final AgencyNotifications notifications;

  EscalationRequestWorker(AgencyNotifications notifications) {
    this.notifications = notifications;
  }

  @JobWorker(type = JobTypes.ESCALATION_REQUEST)
  public Map<String, Object> request(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    if (!(in.required("escalation") instanceof Map<?, ?> escalation)) {
      throw new IllegalArgumentException("Expected variable 'escalation' to be the context of decision"
          + " 'escalation' but found " + in.required("escalation"));
    }
    Map<String, Object> details = new HashMap<>();
    details.put("mechanism", escalation.get("mechanism"));
    details.put("reason", escalation.get("reason"));
    details.put("jointAgencies", in.strings("jointAgencies"));
    var notification = new AgencyNotifications.Notification(String.valueOf(escalation.get("escalateTo")),
        "提级办理申请", in.string("caseNumber"), details);
    return Map.of("escalationRequestNo", notifications.notify(IdempotencyKeys.of(job), notification));
  }
}
