package cn.relief.app.analysis;

import cn.relief.app.dashboard.CaseIndex;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.ProcessInstance;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Relief cases started in the period by target group (the registration's cause: vagrancy, migrant
 * workers stranded, domestic violence, disaster or accident, prone to wandering...) against the
 * admission decision, read through the user's own engine client.
 */
final class CaseFigures {
  static final List<String> DECISIONS = List.of("ELIGIBLE", "AID_FIRST_CHECK_LATER", "REFUSED", "PENDING");
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private CaseFigures() {}

  static Tally byGroup(CamundaClient client, LocalDate from, LocalDate to, String stationId) {
    CaseIndex index = CaseIndex.read(client);
    Map<Long, String> causes = CaseIndex.rootValues(client, "cause");
    Map<Long, String> decisions = CaseIndex.rootValues(client, "admission");
    Tally tally = new Tally(DECISIONS);
    for (ProcessInstance instance : index.instances().values()) {
      long key = instance.getProcessInstanceKey();
      if (!index.isCase(key) || instance.getStartDate() == null) {
        continue;
      }
      LocalDate started = instance.getStartDate().atZoneSameInstant(CHINA).toLocalDate();
      if (started.isBefore(from) || started.isAfter(to)
          || stationId != null && !stationId.equals(index.stationOf(key).orElse(null))) {
        continue;
      }
      String decision = decisions.getOrDefault(key, "PENDING");
      tally.add(causes.getOrDefault(key, "UNREGISTERED"), DECISIONS.contains(decision) ? decision : "PENDING", 1);
    }
    return tally.sortedByTotal();
  }
}
