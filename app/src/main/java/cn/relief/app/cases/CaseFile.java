package cn.relief.app.cases;

import io.camunda.client.api.search.enums.ProcessInstanceState;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One relief case as the engine holds it: the {@code relief-case} instance, its root variables
 * (unmasked: pass them through {@link PersonalData} before they reach a page) and its scope.
 *
 * @param instanceKey the {@code relief-case} process instance
 * @param caseNumber the national registration's number; null until the case is registered
 * @param escalated whether a {@code regional-escalation} instance carries the case number
 */
public record CaseFile(long instanceKey, String caseNumber, String stationId, String stationName,
    ProcessInstanceState state, OffsetDateTime startDate, OffsetDateTime endDate, boolean escalated,
    CaseScope scope, Map<String, Object> variables) {
  public CaseFile {
    variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
  }

  /** The case number, or the instance key while the case has none. */
  public String reference() {
    return caseNumber != null ? caseNumber : String.valueOf(instanceKey);
  }

  public boolean active() {
    return state == ProcessInstanceState.ACTIVE;
  }
}
