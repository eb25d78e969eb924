package cn.relief.workers.police;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Sends the letter asking the police to collect DNA; the result comes back later as a message. */
@Component
public class DnaRequestWorker {

  private final PoliceDnaService police;

  DnaRequestWorker(PoliceDnaService police) {
    this.police = police;
  }

  @JobWorker(type = JobTypes.DNA_REQUEST)
  public Map<String, Object> request(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    String date = in.string("dnaRequestDate");
    var request = new PoliceDnaService.DnaRequest(in.requiredString("caseNumber"),
        in.requiredString("policeStation"), date == null ? LocalDate.now() : LocalDate.parse(date.substring(0, 10)));
    return Map.of("dnaRequestNo", police.requestDna(IdempotencyKeys.of(job), request));
  }
}
