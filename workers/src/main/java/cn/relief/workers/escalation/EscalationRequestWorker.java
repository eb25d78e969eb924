package cn.relief.workers.escalation;

import cn.relief.workers.JobTypes;
import cn.relief.workers.Messages;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import cn.relief.workers.notifications.AgencyNotifications;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * 提级办理 / 下沉协助 / 协同会办: the request to the agency the decision table {@code escalation}
 * named ({@code escalation.escalateTo}), with the joint agencies when there are any; then the
 * message {@code relief-escalation-received} that starts the regional centre's
 * {@code regional-escalation} with the case's summary.
 */
@Component
public class EscalationRequestWorker {

  /** The step handed up when the model does not name one: the whole case. */
  static final String WHOLE_CASE = "CASE";

  /** The person summary the centre sees, copied from the case as they are (absent ones as null). */
  static final List<String> PERSON_SUMMARY = List.of("fullName", "age", "gender", "cause", "identityFound",
      "medicalComplex", "destination");

  private final AgencyNotifications notifications;
  private final EscalationMessages messages;

  EscalationRequestWorker(AgencyNotifications notifications, EscalationMessages messages) {
    this.notifications = notifications;
    this.messages = messages;
  }

  @JobWorker(type = JobTypes.ESCALATION_REQUEST)
  public Map<String, Object> request(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    if (!(in.required("escalation") instanceof Map<?, ?> escalation)) {
      throw new IllegalArgumentException("Expected variable 'escalation' to be the context of decision"
          + " 'escalation' but found " + in.required("escalation"));
    }
    String caseNumber = in.requiredString("caseNumber");
    String key = IdempotencyKeys.of(job);
    Map<String, Object> details = new HashMap<>();
    details.put("mechanism", escalation.get("mechanism"));
    details.put("reason", escalation.get("reason"));
    details.put("jointAgencies", in.strings("jointAgencies"));
    var notification = new AgencyNotifications.Notification(String.valueOf(escalation.get("escalateTo")),
        "提级办理申请", caseNumber, details);
    String requestNo = notifications.notify(key, notification);

    // One key per request, from the job (stable across retries and restarts): the centre's start
    // event allows one running instance per key, and the station's wait for this request's report
    // subscribes on it, so a case escalated twice at once gets each report where it belongs. A
    // redelivered job publishes again with the same message id: the engine drops the copy.
    String escalationKey = caseNumber + "#" + key;
    messages.publish(Messages.ESCALATION_RECEIVED, escalationKey, key,
        received(in, escalation, requestNo, escalationKey));
    return Map.of("escalationRequestNo", requestNo, "escalationKey", escalationKey);
  }

  private static Map<String, Object> received(JobVariables in, Map<?, ?> escalation, String requestNo,
      String escalationKey) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("escalationKey", escalationKey);
    variables.put("caseNumber", in.requiredString("caseNumber"));
    variables.put("province", in.string("province"));
    variables.put("escalation", escalation);
    variables.put("jointAgencies", in.strings("jointAgencies"));
    String step = in.string("escalatedStep");
    variables.put("escalatedStep", step == null || step.isBlank() ? WHOLE_CASE : step);
    variables.put("escalationRequestNo", requestNo);
    for (String name : PERSON_SUMMARY) {
      variables.put(name, in.values().get(name));
    }
    return variables;
  }
}
