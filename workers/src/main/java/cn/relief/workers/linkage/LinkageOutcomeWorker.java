package cn.relief.workers.linkage;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import cn.relief.workers.notifications.AgencyNotifications;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Records the outcome of a linkage (temporary assistance granted, extremely-poor support confirmed
 * from {@code benefitsFrom}, a minor returned or taken into long-term guardianship, a shelter stay
 * ended) in the case file of the station that referred it. Confidential values never go into the
 * record even if a model maps them: the shelter location, and a confidential minor's name and ID.
 */
@Component
public class LinkageOutcomeWorker {

  static final String CASE_FILE = "RELIEF_STATION_CASE_FILE";
  static final Set<String> NEVER_RECORDED = Set.of("shelterLocation");
  static final Set<String> CONFIDENTIAL_MINOR = Set.of("fullName", "idNumber");

  private final AgencyNotifications notifications;

  LinkageOutcomeWorker(AgencyNotifications notifications) {
    this.notifications = notifications;
  }

  @JobWorker(type = JobTypes.LINKAGE_OUTCOME)
  public Map<String, Object> record(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    String linkage = in.requiredString("linkage");
    Map<String, Object> details = new HashMap<>();
    if (in.values().get("details") instanceof Map<?, ?> given) {
      given.forEach((name, value) -> details.put(String.valueOf(name), value));
    }
    details.keySet().removeAll(NEVER_RECORDED);
    if (in.flag("minorConfidential") || Boolean.TRUE.equals(details.get("minorConfidential"))) {
      details.keySet().removeAll(CONFIDENTIAL_MINOR);
    }
    details.put("linkage", linkage);
    details.put("outcome", in.string("outcome"));
    var notification = new AgencyNotifications.Notification(CASE_FILE, "衔接结果：" + linkage,
        in.requiredString("caseNumber"), details);
    return Map.of("linkageOutcomeNo", notifications.notify(IdempotencyKeys.of(job), notification));
  }
}
