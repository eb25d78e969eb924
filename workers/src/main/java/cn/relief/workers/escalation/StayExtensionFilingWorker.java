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

/** A stay beyond the normal period is filed with the higher civil-affairs department (细则). */
@Component
public class StayExtensionFilingWorker {

  private final AgencyNotifications notifications;

  StayExtensionFilingWorker(AgencyNotifications notifications) {
    this.notifications = notifications;
  }

  @JobWorker(type = JobTypes.STAY_EXTENSION_FILING)
  public Map<String, Object> file(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    Map<String, Object> details = new HashMap<>();
    details.put("extensionReason", in.string("extensionReason"));
    details.put("extensionUntil", in.string("extensionUntil"));
    var notification = new AgencyNotifications.Notification(in.requiredString("filedWith"),
        "延长救助期限备案", in.string("caseNumber"), details);
    return Map.of("extensionFilingNo", notifications.notify(IdempotencyKeys.of(job), notification));
  }
}
