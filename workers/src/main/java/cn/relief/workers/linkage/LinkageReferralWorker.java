package cn.relief.workers.linkage;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

@Component
public class LinkageReferralWorker {

  /** The variables every linkage process starts with ({@code idNumber}, {@code identityFound} may be absent). */
  static final List<String> START_VARIABLES = List.of("caseNumber", "province", "fullName", "idNumber", "age",
      "gender", "cause", "hasDisability", "identityFound", "hasSupport",
      // after resettlement: the collective hukou that makes extremely-poor support possible
      "hukouRegistered", "hukouNumber", "institution",
      // the hometown a follow-up after return visits, and how often (denser for repeat vagrancy)
      "destination", "followUpIntervals",
      // the case's station: who follows up, and whose key-persons list sees a repeat vagrancy
      "stationId");

  private final LinkageReferralService referrals;

  LinkageReferralWorker(LinkageReferralService referrals) {
    this.referrals = referrals;
  }

  @JobWorker(type = JobTypes.LINKAGE_REFERRAL)
  public Map<String, Object> refer(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    Map<String, Object> startVariables = new HashMap<>();
    for (String name : START_VARIABLES) {
      startVariables.put(name, in.values().get(name));
    }
    return Map.of("linkageReferrals", referrals.refer(IdempotencyKeys.of(job), in.requiredString("caseNumber"),
        in.strings("linkages"), startVariables));
  }
}
