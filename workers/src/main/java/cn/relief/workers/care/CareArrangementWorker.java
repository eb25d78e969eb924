package cn.relief.workers.care;

import cn.relief.workers.BusinessOutcome;
import cn.relief.workers.JobTypes;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/** No outside system (the station's own beds), so no idempotency key: the check has no effect. */
@Component
public class CareArrangementWorker {

  private final CareArrangementService care;

  CareArrangementWorker(CareArrangementService care) {
    this.care = care;
  }

  @JobWorker(type = JobTypes.CARE_ARRANGEMENT)
  public Map<String, Object> arrange(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    try {
      return Map.of("careArrangedArea",
          care.arrange(in.string("accommodationArea"), in.string("gender"), in.integer("age")));
    } catch (BusinessOutcome outcome) {
      throw outcome.toBpmnError();
    }
  }
}
