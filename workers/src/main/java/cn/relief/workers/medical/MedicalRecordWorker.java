package cn.relief.workers.medical;

import cn.relief.workers.JobTypes;
import cn.relief.workers.archive.CaseRecords;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Back from hospital on the discharge certificate: file the treatment with the case's records. */
@Component
public class MedicalRecordWorker {

  private final CaseRecords records;

  MedicalRecordWorker(CaseRecords records) {
    this.records = records;
  }

  @JobWorker(type = JobTypes.MEDICAL_RECORD)
  public Map<String, Object> file(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    Map<String, Object> content = new HashMap<>();
    content.put("hospitalName", in.string("hospitalName"));
    content.put("dischargeCertificateNo", in.string("dischargeCertificateNo"));
    content.put("usedEmergencyMedicalFund", in.flag("usedEmergencyMedicalFund"));
    return Map.of("medicalRecordDocumentId",
        records.file(IdempotencyKeys.of(job), in.string("caseNumber"), "medical-record", content));
  }
}
