package cn.relief.workers.notices;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Refusal notice (不予救助通知书) and departure records (termination notice, voluntary-leave
 * declaration, absconding record). A missing font or an unknown kind fails the job with a message
 * that says which; the incident shows it once the retries are used up.
 */
@Component
public class NoticePdfWorker {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final NoticeService notices;

  NoticePdfWorker(NoticeService notices) {
    this.notices = notices;
  }

  @JobWorker(type = JobTypes.NOTICE_PDF)
  public Map<String, Object> issue(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    String departureDate = in.string("departureDate");
    LocalDate date = departureDate == null || departureDate.length() < 10
        ? LocalDate.now(CHINA) : LocalDate.parse(departureDate.substring(0, 10));
    var notice = new Notice(NoticeKind.of(in.string("noticeKind")), in.string("caseNumber"),
        in.string("fullName"), in.string("reason"), in.string("note"), date);
    return Map.of("noticeDocumentId", notices.issue(IdempotencyKeys.of(job), notice));
  }
}
