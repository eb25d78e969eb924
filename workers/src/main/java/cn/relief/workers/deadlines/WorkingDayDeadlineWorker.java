package cn.relief.workers.deadlines;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Returns {@code dueDate}, an ISO date-time with offset that the model uses as a timer's
 * {@code timeDate}. The period starts today (when the job runs) unless the job carries
 * {@code startDate}. No outside system, so no idempotency key: the same day gives the same date.
 */
@Component
public class WorkingDayDeadlineWorker {

  private final WorkingDayCalendar calendar;
  private final Clock clock;

  @Autowired
  WorkingDayDeadlineWorker(WorkingDayCalendar calendar) {
    this(calendar, Clock.systemUTC());
  }

  WorkingDayDeadlineWorker(WorkingDayCalendar calendar, Clock clock) {
    this.calendar = calendar;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.WORKING_DAY_DEADLINE)
  public Map<String, Object> compute(ActivatedJob job) {
    return compute(new JobVariables(job.getType(), job.getVariablesAsMap()));
  }

  Map<String, Object> compute(JobVariables in) {
    Integer workingDays = in.integer("workingDays");
    if (workingDays == null) {
      throw new IllegalArgumentException("Expected variable 'workingDays' for job type '"
          + in.jobType() + "' but it is missing or null");
    }
    String startDate = in.string("startDate");
    var start = startDate == null ? clock.instant()
        : java.time.OffsetDateTime.parse(startDate).toInstant();
    var due = calendar.dueDate(start, workingDays);
    return Map.of("dueDate", due.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
  }
}
