package cn.relief.workers.escort;

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
 * Across provinces, civil affairs notifies civil affairs (province to province, at the hand-over
 * point the receiving province set): the letter to the receiving province's civil-affairs department.
 */
@Component
public class EscortNotificationWorker {

  static final String CIVIL_AFFAIRS = "民政厅";
  static final String SUBJECT = "跨省护送接收通知";

  private final AgencyNotifications notifications;

  EscortNotificationWorker(AgencyNotifications notifications) {
    this.notifications = notifications;
  }

  @JobWorker(type = JobTypes.ESCORT_NOTIFICATION)
  public Map<String, Object> notifyReceivingProvince(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    Map<String, Object> details = new HashMap<>();
    for (String name : new String[] {"province", "handoverPoint", "escortDate", "fullName", "age", "gender",
        "destination"}) {
      details.put(name, in.values().get(name));
    }
    var notification = new AgencyNotifications.Notification(in.requiredString("receivingProvince") + CIVIL_AFFAIRS,
        SUBJECT, in.requiredString("caseNumber"), details);
    return Map.of("escortNotificationNo", notifications.notify(IdempotencyKeys.of(job), notification));
  }
}
