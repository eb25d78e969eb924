package cn.relief.workers.biometrics;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

@Component
public class BiometricComparisonWorker {

  private final BiometricComparison comparison;

  BiometricComparisonWorker(BiometricComparison comparison) {
    this.comparison = comparison;
  }

  /** No match is an ordinary result ({@code identityFound = false}), which the model's gateway routes. */
  @JobWorker(type = JobTypes.BIOMETRIC_COMPARISON)
  public Map<String, Object> compare(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    var subject = new BiometricComparison.Subject(in.string("caseNumber"), in.string("fullName"),
        in.string("idNumber"), in.flag("fingerprintsTaken"), in.flag("photoTaken"));
    return Map.of("identityFound", comparison.compare(IdempotencyKeys.of(job), subject));
  }
}
