package cn.relief.workers.police;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import cn.relief.workers.notifications.AgencyNotifications;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Door screening found danger to others, suspected drug use or a fugitive: hand over to the police. */
@Component
public class PoliceReferralWorker {

  private final AgencyNotifications notifications;

  PoliceReferralWorker(AgencyNotifications notifications) {
    this.notifications = notifications;
  }

  @JobWorker(type = JobTypes.POLICE_REFERRAL)
  public Map<String, Object> refer(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    var notification = new AgencyNotifications.Notification("POLICE", "移交公安机关",
        in.string("caseNumber"), Map.of(
            "screeningNote", String.valueOf(in.string("screeningNote")),
            "dangerToOthers", in.flag("dangerToOthers"),
            "suspectedDrugUseOrFugitive", in.flag("suspectedDrugUseOrFugitive")));
    return Map.of("policeReferralNo", notifications.notify(IdempotencyKeys.of(job), notification));
  }
}
