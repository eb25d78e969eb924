package cn.relief.workers.patrol;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import cn.relief.workers.notices.Notice;
import cn.relief.workers.notices.NoticeKind;
import cn.relief.workers.notices.NoticeService;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The people of a patrol round who refused help, with the advice given, as one record (街面巡查劝导记录,
 * a Chinese PDF) filed under the round's number {@code XC-<patrol instance key>}.
 */
@Component
public class PatrolAdviceRecordWorker {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final NoticeService notices;

  PatrolAdviceRecordWorker(NoticeService notices) {
    this.notices = notices;
  }

  @JobWorker(type = JobTypes.PATROL_ADVICE_RECORD)
  public Map<String, Object> record(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    String round = roundNumber(job.getProcessInstanceKey());
    String reason = "巡查区域：" + in.requiredString("patrolArea") + "；巡查人员：" + in.requiredString("patrolTeam");
    var notice = new Notice(NoticeKind.PATROL_ADVICE, round, null, reason, people(in.required("refusals")),
        LocalDate.now(CHINA));
    return Map.of("adviceRecordDocumentId", notices.issue(IdempotencyKeys.of(job), notice));
  }

  static String roundNumber(long patrolInstanceKey) {
    return "XC-" + patrolInstanceKey;
  }

  /** One line a person: where, who, whether medical care is needed, what advice was given. */
  static String people(Object refusals) {
    if (!(refusals instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalArgumentException("Expected variable 'refusals' to list the people who refused help,"
          + " but found " + refusals);
    }
    List<String> lines = new ArrayList<>();
    int n = 0;
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> person)) {
        throw new IllegalArgumentException("Expected each refusal to be a discovery of the patrol record, but found "
            + item);
      }
      StringBuilder line = new StringBuilder().append(++n).append(". 地点：").append(person.get("location"))
          .append("；情况：").append(person.get("description"));
      if (Boolean.TRUE.equals(person.get("needsMedicalCare"))) {
        line.append("；需要医疗救治");
      }
      Object advice = person.get("adviceGiven");
      line.append("；劝导情况：").append(advice == null || advice.toString().isBlank() ? "已告知救助政策和求助途径" : advice);
      lines.add(line.append("。").toString());
    }
    // one paragraph: the renderer wraps it, and has no glyph for a line break
    return String.join(" ", lines);
  }
}
