package cn.relief.workers.linkage;

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
 * A report to the police that a person in care is being harmed: a minor (未成年人保护法 第11条,
 * immediately) or a victim of domestic violence (反家庭暴力法 第14条, mandatory when the victim lacks
 * full capacity). The report names the case, never the person: the police find them through the
 * case number, and neither the minor's identity (第103条) nor the shelter location leaves the station.
 */
@Component
public class PoliceReportWorker {

  static final Map<String, String> SUBJECTS = Map.of(
      "MINOR_HARM", "报案：未成年人疑似遭受侵害（未成年人保护法第十一条）",
      "DOMESTIC_VIOLENCE", "报案：家庭暴力（反家庭暴力法第十四条）");

  private final AgencyNotifications notifications;

  PoliceReportWorker(AgencyNotifications notifications) {
    this.notifications = notifications;
  }

  @JobWorker(type = JobTypes.POLICE_REPORT)
  public Map<String, Object> report(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    String ground = in.requiredString("reportGround");
    String subject = SUBJECTS.get(ground);
    if (subject == null) {
      throw new IllegalArgumentException("Expected reportGround one of " + SUBJECTS.keySet() + " for job type '"
          + job.getType() + "' but found '" + ground + "'");
    }
    // only what the model maps: no name, no ID number, no shelter location
    Map<String, Object> details = new HashMap<>();
    details.put("reportGround", ground);
    details.put("description", in.string("description"));
    details.put("mandatory", in.flag("mandatory"));
    details.put("confidential", in.flag("confidential"));
    var notification = new AgencyNotifications.Notification("POLICE", subject, in.requiredString("caseNumber"), details);
    return Map.of("policeReportNo", notifications.notify(IdempotencyKeys.of(job), notification));
  }
}
