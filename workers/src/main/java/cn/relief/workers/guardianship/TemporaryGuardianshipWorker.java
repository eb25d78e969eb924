package cn.relief.workers.guardianship;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Civil affairs takes temporary guardianship of the minor at once (未成年人保护法 第92条). */
@Component
public class TemporaryGuardianshipWorker {

  private final GuardianshipRegister register;

  TemporaryGuardianshipWorker(GuardianshipRegister register) {
    this.register = register;
  }

  @JobWorker(type = JobTypes.TEMPORARY_GUARDIANSHIP)
  public Map<String, Object> register(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    var guardianship = new GuardianshipRegister.TemporaryGuardianship(in.requiredString("caseNumber"),
        in.integer("age"), in.string("gender"), in.string("cause"), in.string("referralNo"));
    return Map.of("guardianshipNo", register.registerTemporaryGuardianship(IdempotencyKeys.of(job), guardianship));
  }
}
