package cn.relief.workers.deadlines;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import cn.relief.workers.notifications.AgencyNotifications;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A time limit passed: tell whoever must act, the station head unless the model names another
 * recipient ({@code reminderRecipient}, e.g. {@code regional-centre} for the centre's own limits).
 */
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
    String recipient = in.string("reminderRecipient");
    var notification = new AgencyNotifications.Notification(
        recipient == null || recipient.isBlank() ? STATION_HEAD : recipient, in.requiredString("subject"),
        in.string("caseNumber"), Map.of());
    return Map.of("reminderNo", notifications.notify(IdempotencyKeys.of(job), notification));
  }
}
