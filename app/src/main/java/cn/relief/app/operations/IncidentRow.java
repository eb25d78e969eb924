package cn.relief.app.operations;

import cn.relief.app.web.Times;
import io.camunda.client.api.search.response.Incident;
import java.time.OffsetDateTime;

/** An open incident as the operations page lists it: where it happened, why, and the case it holds up. */
public record IncidentRow(long incidentKey, Long jobKey, long processInstanceKey, String processId, String elementId,
    String errorType, String errorMessage, OffsetDateTime creationTime, String caseNumber) {

  static IncidentRow of(Incident incident, String caseNumber) {
    return new IncidentRow(incident.getIncidentKey(), incident.getJobKey(), incident.getProcessInstanceKey(),
        incident.getProcessDefinitionId(), incident.getElementId(),
        incident.getErrorType() == null ? "" : incident.getErrorType().name(), incident.getErrorMessage(),
        incident.getCreationTime(), caseNumber);
  }

  /** When it happened, in China Standard Time (the engine answers in UTC). */
  public String creationTimeText() {
    return Times.format(creationTime);
  }

  /** A job's incident needs retries before it is resolved; other kinds are resolved once the cause is fixed. */
  public boolean isJobIncident() {
    return jobKey != null && jobKey > 0;
  }
}
