package cn.relief.workers.assistance;

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
 * 下沉协助: tells the county station what the regional centre sends down (staff, medical staff,
 * vehicles, tracing experts), who comes, and by when the station reports what the assistance achieved.
 */
@Component
public class AssistanceDispatchWorker {

  static final String COUNTY_STATION = "COUNTY_STATION";

  private final AgencyNotifications notifications;

  AssistanceDispatchWorker(AgencyNotifications notifications) {
    this.notifications = notifications;
  }

  @JobWorker(type = JobTypes.ASSISTANCE_DISPATCH)
  public Map<String, Object> dispatch(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    if (in.strings("assistanceKinds").isEmpty()) {
      throw new IllegalArgumentException("Expected variable 'assistanceKinds' for job type '" + job.getType()
          + "' to name at least one kind of assistance but it is missing or empty");
    }
    Map<String, Object> details = new HashMap<>();
    details.put("assistanceKinds", in.strings("assistanceKinds"));
    details.put("assistanceStaff", in.string("assistanceStaff"));
    details.put("assistanceDueDate", in.requiredString("assistanceDueDate"));
    details.put("assistancePlan", in.string("assistancePlan"));
    var notification = new AgencyNotifications.Notification(COUNTY_STATION, "区域性中心下沉协助",
        in.requiredString("caseNumber"), details);
    return Map.of("assistanceDispatchNo", notifications.notify(IdempotencyKeys.of(job), notification));
  }
}
