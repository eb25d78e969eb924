package cn.relief.workers.linkage;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import cn.relief.workers.notifications.AgencyNotifications;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Pays temporary assistance (临时救助, 暂行办法 第48–50条) in cash or goods through the county
 * civil-affairs department; urgent aid is paid first and the paperwork follows. Returns
 * {@code paymentNo}. One payment per job: a retried job quotes the same idempotency key.
 */
@Component
public class AssistancePaymentWorker {

  static final String PAYER = "COUNTY_CIVIL_AFFAIRS";
  static final Set<String> KINDS = Set.of("CASH", "GOODS");

  private final AgencyNotifications notifications;

  AssistancePaymentWorker(AgencyNotifications notifications) {
    this.notifications = notifications;
  }

  @JobWorker(type = JobTypes.ASSISTANCE_PAYMENT)
  public Map<String, Object> pay(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    BigDecimal amount = in.decimal("assistanceAmount");
    if (amount == null || amount.signum() <= 0) {
      throw new IllegalArgumentException("Expected a positive 'assistanceAmount' for job type '" + job.getType()
          + "' but found " + amount);
    }
    String kind = in.requiredString("assistanceKind");
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("Expected assistanceKind one of " + KINDS + " for job type '"
          + job.getType() + "' but found '" + kind + "'");
    }
    boolean urgent = in.flag("urgent");
    var notification = new AgencyNotifications.Notification(PAYER, urgent ? "临时救助先行救助发放" : "临时救助发放",
        in.requiredString("caseNumber"), Map.of("assistanceAmount", amount.toPlainString(), "assistanceKind", kind,
            "urgent", urgent, "reason", String.valueOf(in.string("reason"))));
    return Map.of("paymentNo", notifications.notify(IdempotencyKeys.of(job), notification));
  }
}
