package cn.relief.workers.deadlines;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import cn.relief.workers.notifications.AgencyNotifications;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A time limit of the tracing passed: tell the station head. */
@Component
public class DeadlineReminderWorker {

  static final String STATION_HEAD = "STATION_HEAD";

  private final AgencyNotifications notifications;

  DeadlineReminderWorker(AgencyNotifications notifications) {
    this.notifications = notifications;
  }

  @JobWorker(type = JobTypes.DEADLINE_REMINDER)
  public Map<String, Object> remind(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    var notification = new AgencyNotifications.Notification(STATION_HEAD, in.requiredString("subject"),
        in.string("caseNumber"), Map.of());
    return Map.of("reminderNo", notifications.notify(IdempotencyKeys.of(job), notification));
  }
}
