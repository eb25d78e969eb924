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
 * (the patrol's process instance) and where and how the person was found.
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
    Map<String, Object> variables = new HashMap<>();
    variables.put("intakeChannel", STREET_PATROL);
    variables.put("patrolRoundKey", job.getProcessInstanceKey());
    variables.put("discoveryLocation", in.requiredString("discoveryLocation"));
    variables.put("discoveryDescription", in.requiredString("discoveryDescription"));
    variables.put("discoveryNeedsMedicalCare", in.flag("discoveryNeedsMedicalCare"));
    variables.put("discoveryIsMinor", in.flag("discoveryIsMinor"));
    variables.put("province", in.requiredString("province"));
    return Map.of("reliefCaseInstanceKey", cases.start(IdempotencyKeys.of(job), variables));
  }
}
