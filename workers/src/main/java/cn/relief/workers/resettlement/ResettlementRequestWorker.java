package cn.relief.workers.resettlement;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Identity still unknown after the local period: the case asks for 落户安置, which starts the process
 * {@code resettlement} with the case's number, province, person and the placing institution
 * ({@code destination}).
 */
@Component
public class ResettlementRequestWorker {

  static final String[] CASE_VARIABLES = {"province", "fullName", "age", "gender", "destination"};

  private final ResettlementRequestPublisher publisher;

  ResettlementRequestWorker(ResettlementRequestPublisher publisher) {
    this.publisher = publisher;
  }

  @JobWorker(type = JobTypes.RESETTLEMENT_REQUEST)
  public Map<String, Object> request(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    String caseNumber = in.requiredString("caseNumber");
    Map<String, Object> variables = new HashMap<>();
    variables.put("caseNumber", caseNumber);
    for (String name : CASE_VARIABLES) {
      if (in.values().get(name) != null) {
        variables.put(name, in.values().get(name));
      }
    }
    String messageId = IdempotencyKeys.of(job);
    publisher.publish(caseNumber, messageId, variables);
    return Map.of("resettlementRequestId", messageId);
  }
}
