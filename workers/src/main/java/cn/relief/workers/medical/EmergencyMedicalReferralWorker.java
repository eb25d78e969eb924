package cn.relief.workers.medical;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import cn.relief.workers.notifications.AgencyNotifications;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Door screening found a suspected mental disorder, infectious disease or critical illness: call 120. */
@Component
public class EmergencyMedicalReferralWorker {

  static final String EMERGENCY_CENTRE = "EMERGENCY_MEDICAL_CENTRE";

  private final AgencyNotifications notifications;

  EmergencyMedicalReferralWorker(AgencyNotifications notifications) {
    this.notifications = notifications;
  }

  @JobWorker(type = JobTypes.EMERGENCY_MEDICAL_REFERRAL)
  public Map<String, Object> refer(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    Map<String, Object> details = new HashMap<>();
    details.put("screeningNote", in.string("screeningNote"));
    details.put("suspectedMentalDisorder", in.flag("suspectedMentalDisorder"));
    details.put("suspectedInfectiousDisease", in.flag("suspectedInfectiousDisease"));
    details.put("criticalIllnessOrInjury", in.flag("criticalIllnessOrInjury"));
    var notification = new AgencyNotifications.Notification(EMERGENCY_CENTRE, "联系急救送医",
        in.string("caseNumber"), details);
    return Map.of("emergencyReferralNo", notifications.notify(IdempotencyKeys.of(job), notification));
  }
}
