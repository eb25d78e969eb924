package cn.relief.workers.tracing;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Publishes the notice within 24 hours of entry, and refreshes it every month the person stays. */
@Component
public class TracingNoticeWorker {

  private final TracingNoticeSite site;

  TracingNoticeWorker(TracingNoticeSite site) {
    this.site = site;
  }

  @JobWorker(type = JobTypes.TRACING_NOTICE)
  public Map<String, Object> publish(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    var publication = site.publish(IdempotencyKeys.of(job), in.requiredString("caseNumber"),
        in.requiredString("noticeText"), in.strings("noticeChannels"));
    return Map.of("tracingNoticeId", publication.noticeId(),
        "tracingNoticePublishedAt", publication.publishedAt().toString());
  }
}
