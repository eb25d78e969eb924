package cn.relief.workers.archive;

import cn.relief.workers.BusinessOutcome;
import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

@Component
public class CaseArchiveWorker {

  private final CaseRecords records;

  CaseArchiveWorker(CaseRecords records) {
    this.records = records;
  }

  @JobWorker(type = JobTypes.CASE_ARCHIVE)
  public Map<String, Object> archive(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    Map<String, Object> closure = new HashMap<>();
    closure.put("departureKind", in.string("departureKind"));
    closure.put("closureNote", in.string("closureNote"));
    closure.put("processInstanceKey", job.getProcessInstanceKey());
    try {
      return Map.of("archiveDocumentId", records.archive(IdempotencyKeys.of(job), in.string("caseNumber"),
          in.flag("recordsComplete"), closure));
    } catch (BusinessOutcome outcome) {
      throw outcome.toBpmnError();
    }
  }
}
