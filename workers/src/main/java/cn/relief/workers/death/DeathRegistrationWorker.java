package cn.relief.workers.death;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import cn.relief.workers.notifications.AgencyNotifications;
import cn.relief.workers.tracing.TracingNoticeSite;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Death register: the police are told (they judge whether the death is abnormal), and for a person
 * still unidentified a public notice goes out (*local*, e.g. 7 days). Two effects, two keys.
 */
@Component
public class DeathRegistrationWorker {

  private final AgencyNotifications notifications;
  private final TracingNoticeSite noticeSite;

  DeathRegistrationWorker(AgencyNotifications notifications, TracingNoticeSite noticeSite) {
    this.notifications = notifications;
    this.noticeSite = noticeSite;
  }

  @JobWorker(type = JobTypes.DEATH_REGISTRATION)
  public Map<String, Object> register(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    String key = IdempotencyKeys.of(job);
    String caseNumber = in.string("caseNumber");
    Map<String, Object> details = new HashMap<>();
    details.put("dateOfDeath", in.string("dateOfDeath"));
    details.put("note", in.string("note"));
    Map<String, Object> out = new HashMap<>();
    out.put("deathReportNo", notifications.notify(key + "#police",
        new AgencyNotifications.Notification("POLICE", "受助人员死亡报告", caseNumber, details)));
    if (!in.flag("identityFound")) {
      var notice = noticeSite.publish(key + "#public-notice", caseNumber,
          "无名死者认领公告：案件编号 " + caseNumber + "，死亡日期 " + in.string("dateOfDeath"),
          List.of("NATIONAL_TRACING_SITE", "NEWSPAPER"));
      out.put("deathPublicNoticeId", notice.noticeId());
    }
    return out;
  }
}
