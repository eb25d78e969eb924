package cn.relief.workers.linkage;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

@Component
public class LinkageReferralWorker {

  private final LinkageReferralService referrals;

  LinkageReferralWorker(LinkageReferralService referrals) {
    this.referrals = referrals;
  }

  @JobWorker(type = JobTypes.LINKAGE_REFERRAL)
  public Map<String, Object> refer(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    return Map.of("linkageReferrals",
        referrals.refer(IdempotencyKeys.of(job), in.string("caseNumber"), in.strings("linkages")));
  }
}
