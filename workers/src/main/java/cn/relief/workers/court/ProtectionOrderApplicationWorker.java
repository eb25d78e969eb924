package cn.relief.workers.court;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The relief agency applies for a protection order for the victim (反家庭暴力法 第23条). */
@Component
public class ProtectionOrderApplicationWorker {

  private final CourtService court;

  ProtectionOrderApplicationWorker(CourtService court) {
    this.court = court;
  }

  @JobWorker(type = JobTypes.PROTECTION_ORDER_APPLICATION)
  public Map<String, Object> apply(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    var application = new CourtService.ProtectionOrderApplication(in.requiredString("caseNumber"),
        in.string("court"), in.string("respondentName"), in.string("evidence"), in.flag("urgent"),
        in.string("applicationDocumentId"));
    return Map.of("protectionOrderApplicationNo", court.applyForProtectionOrder(IdempotencyKeys.of(job), application));
  }
}
