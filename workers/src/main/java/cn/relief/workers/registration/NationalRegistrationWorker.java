package cn.relief.workers.registration;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

@Component
public class NationalRegistrationWorker {

  private final NationalReliefSystem nationalSystem;

  NationalRegistrationWorker(NationalReliefSystem nationalSystem) {
    this.nationalSystem = nationalSystem;
  }

  @JobWorker(type = JobTypes.NATIONAL_REGISTRATION)
  public Map<String, Object> register(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    var registration = new NationalReliefSystem.Registration(
        in.string("province"), in.string("intakeChannel"), in.string("policeHandoverFormNo"),
        in.string("fullName"), in.string("idNumber"), in.string("gender"), in.string("birthDate"),
        in.integer("age"), in.string("hukouAddress"),
        in.flag("fingerprintsTaken"), in.flag("photoTaken"));
    return Map.of("caseNumber", nationalSystem.register(IdempotencyKeys.of(job), registration));
  }
}
