package cn.relief.workers.linkage;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import cn.relief.workers.notifications.AgencyNotifications;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Departure by transfer: resettlement (落户安置) or an institution for the extremely poor. */
@Component
public class TransferReferralWorker {

  private final AgencyNotifications notifications;

  TransferReferralWorker(AgencyNotifications notifications) {
    this.notifications = notifications;
  }

  @JobWorker(type = JobTypes.TRANSFER_REFERRAL)
  public Map<String, Object> refer(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    String subject = in.flag("identityFound") ? "转介安置" : "身份未查明，转介落户安置";
    var notification = new AgencyNotifications.Notification(in.requiredString("destination"), subject,
        in.string("caseNumber"), Map.of("identityFound", in.flag("identityFound")));
    return Map.of("transferReferralNo", notifications.notify(IdempotencyKeys.of(job), notification));
  }
}
