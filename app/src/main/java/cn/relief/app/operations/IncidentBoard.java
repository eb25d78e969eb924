package cn.relief.app.operations;

import cn.relief.app.cases.CaseAccess;
import cn.relief.app.dashboard.CaseIndex;
import cn.relief.app.dashboard.SearchPages;
import cn.relief.app.security.EngineUser;
import cn.relief.app.security.ReliefRole;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.response.Incident;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The open incidents a user may handle, and their retry: administrators all of them, a station
 * head those of their organisation's cases (the root instance's {@code stationId}, or the centre
 * once escalated). Acts through the user's own client: the engine checks its permissions too.
 */
@Component
class IncidentBoard {
  private final CaseAccess access;

  IncidentBoard(CaseAccess access) {
    this.access = access;
  }

  List<IncidentRow> openIncidents(CamundaClient client, EngineUser user) {
    CaseIndex index = CaseIndex.read(client);
    return SearchPages.all(from -> client.newIncidentSearchRequest().filter(f -> f.state(IncidentState.ACTIVE))
            .page(p -> p.from(from).limit(SearchPages.PAGE)).send().join()).stream()
        .filter(incident -> handles(index, user, incident))
        .map(incident -> IncidentRow.of(incident, index.caseNumberOf(incident.getProcessInstanceKey()).orElse(null)))
        .sorted(Comparator.comparing(IncidentRow::creationTime, Comparator.nullsLast(Comparator.reverseOrder())))
        .toList();
  }

  /** The open incident, if the user may handle it. */
  Optional<Incident> find(CamundaClient client, EngineUser user, long incidentKey) {
    Incident incident = client.newIncidentGetRequest(incidentKey).send().join();
    if (incident == null || incident.getState() != IncidentState.ACTIVE) {
      return Optional.empty();
    }
    return handles(CaseIndex.read(client), user, incident) ? Optional.of(incident) : Optional.empty();
  }

  /**
   * Retries the step after its cause was fixed: a job first gets retries again (else resolving
   * would raise the same incident at once), then the incident is resolved.
   */
  void retry(CamundaClient client, Incident incident, int retries) {
    if (incident.getJobKey() != null && incident.getJobKey() > 0) {
      client.newUpdateRetriesCommand(incident.getJobKey()).retries(retries).send().join();
    }
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();
  }

  private boolean handles(CaseIndex index, EngineUser user, Incident incident) {
    if (user.hasAnyRole(ReliefRole.ADMIN)) {
      return true;
    }
    Long instance = incident.getProcessInstanceKey();
    return instance != null && user.hasAnyRole(ReliefRole.STATION_HEAD) && index.stationOf(instance).isPresent()
        && access.canWork(user, index.scopeOf(access, instance));
  }
}
