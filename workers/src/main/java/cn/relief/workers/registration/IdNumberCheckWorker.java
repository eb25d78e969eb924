package cn.relief.workers.registration;

import cn.relief.forms.ResidentIdNumber;
import cn.relief.workers.JobTypes;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A completing task listener of the registration: the form's pattern checks the identity number's
 * shape in the browser, but not its check character or birth date, so a registration with a
 * mistyped number would enter the national system. The listener denies such a completion with a
 * reason the caseworker reads; the task stays open with what was entered before.
 */
@Component
public class IdNumberCheckWorker {

  @JobWorker(type = JobTypes.ID_NUMBER_CHECK, autoComplete = false)
  public void check(JobClient client, ActivatedJob job) {
    Optional<String> refusal = refusal(job.getVariablesAsMap().get("idNumber"));
    if (refusal.isPresent()) {
      client.newCompleteCommand(job).withResult(r -> r.forUserTask().deny(true, refusal.get())).send().join();
    } else {
      client.newCompleteCommand(job).send().join();
    }
  }

  /** Why a registration with this identity number may not be completed; empty if it may (none given is allowed). */
  static Optional<String> refusal(Object idNumber) {
    if (idNumber == null || idNumber.toString().isBlank()) {
      return Optional.empty(); // people who cannot give information are aided first and checked later
    }
    String text = idNumber.toString().trim();
    if (ResidentIdNumber.isValid(text)) {
      return Optional.empty();
    }
    // the number itself stays out of the reason: the reason is kept in the task's history
    return Optional.of("填写的公民身份号码无效（校验位或出生日期不正确），请核对后重新填写"
        + " / The identity number entered is invalid (check character or birth date); please check it");
  }
}
