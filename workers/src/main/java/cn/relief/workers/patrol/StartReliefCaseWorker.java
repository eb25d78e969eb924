package cn.relief.workers.patrol;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * 街面巡查: a person found on the street who accepts help (or a minor, whom civil affairs must take
 * in) becomes a relief case, received through the street-patrol channel; the case knows the round
 * (the patrol's process instance) and where and how the person was found. The job carries the
 * multi-instance element {@code discovery} (location, description, needsMedicalCare, isMinor).
 */
@Component
public class StartReliefCaseWorker {

  static final String STREET_PATROL = "STREET_PATROL";

  private final ReliefCaseStarter cases;

  StartReliefCaseWorker(ReliefCaseStarter cases) {
    this.cases = cases;
  }

  @JobWorker(type = JobTypes.START_RELIEF_CASE)
  public Map<String, Object> start(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    if (!(in.required("discovery") instanceof Map<?, ?> found)) {
      throw new IllegalArgumentException("Expected variable 'discovery' to be one discovery of the patrol record,"
          + " but found " + in.required("discovery"));
    }
    @SuppressWarnings("unchecked")
    JobVariables discovery = new JobVariables(job.getType(), (Map<String, Object>) found);
    Map<String, Object> variables = new HashMap<>();
    variables.put("intakeChannel", STREET_PATROL);
    variables.put("patrolRoundKey", job.getProcessInstanceKey());
    variables.put("discoveryLocation", discovery.requiredString("location"));
    variables.put("discoveryDescription", discovery.requiredString("description"));
    variables.put("discoveryNeedsMedicalCare", discovery.flag("needsMedicalCare"));
    variables.put("discoveryIsMinor", discovery.flag("isMinor"));
    variables.put("province", in.requiredString("province"));
    return Map.of("reliefCaseInstanceKey", cases.start(IdempotencyKeys.of(job), variables));
  }
}
