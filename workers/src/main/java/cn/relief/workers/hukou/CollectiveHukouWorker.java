package cn.relief.workers.hukou;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/** 落户安置: the police register the person on the institution's collective hukou. */
@Component
public class CollectiveHukouWorker {

  private final PoliceHukouRegistry police;

  CollectiveHukouWorker(PoliceHukouRegistry police) {
    this.police = police;
  }

  @JobWorker(type = JobTypes.COLLECTIVE_HUKOU)
  public Map<String, Object> register(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    var request = new PoliceHukouRegistry.CollectiveHukouRequest(in.requiredString("caseNumber"),
        in.string("fullName"), in.string("gender"), in.integer("age"), in.requiredString("institution"),
        in.requiredString("hukouAddress"), in.string("placementPlan"), in.requiredString("approvalNo"));
    var registration = police.register(IdempotencyKeys.of(job), request);
    return Map.of("hukouNumber", registration.hukouNumber(), "hukouRegistered", true);
  }
}
