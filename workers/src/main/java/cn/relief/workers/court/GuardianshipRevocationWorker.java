package cn.relief.workers.court;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Civil affairs applies to the court to revoke the guardian's guardianship (未成年人保护法 第108条). */
@Component
public class GuardianshipRevocationWorker {

  private final CourtService court;

  GuardianshipRevocationWorker(CourtService court) {
    this.court = court;
  }

  @JobWorker(type = JobTypes.GUARDIANSHIP_REVOCATION)
  public Map<String, Object> apply(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    var application = new CourtService.GuardianshipRevocation(in.requiredString("caseNumber"),
        in.requiredString("court"), in.string("grounds"), in.string("guardianshipNo"));
    return Map.of("revocationApplicationNo",
        court.applyForGuardianshipRevocation(IdempotencyKeys.of(job), application));
  }
}
