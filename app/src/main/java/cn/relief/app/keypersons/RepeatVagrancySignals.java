package cn.relief.app.keypersons;

import cn.relief.app.dashboard.CaseIndex;
import cn.relief.app.security.EngineUser;
import cn.relief.app.security.ReliefRole;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * People whose follow-up after return found them gone again (process {@code return-follow-up}
 * ended at {@code EndEvent_repeatVagrancy}) and who are not in the key-persons database yet: the
 * station is asked to register them, with their guardian's consent (never registered by itself).
 * Read through the user's own engine client, of the user's station (the centre: every station's).
 */
@Component
class RepeatVagrancySignals {
  static final String END_EVENT = "EndEvent_repeatVagrancy";

  /** One person to consider registering. */
  record Signal(long followUpKey, String caseNumber, String fullName, String idNumber, String destination) {}

  private final KeyPersons keyPersons;

  RepeatVagrancySignals(KeyPersons keyPersons) {
    this.keyPersons = keyPersons;
  }

  List<Signal> of(CamundaClient client, EngineUser user) {
    boolean allStations = user.hasAnyRole(ReliefRole.REGIONAL_CENTRE, ReliefRole.ADMIN);
    Set<String> registeredIds = keyPersons.list(null).stream().map(KeyPerson::idNumber)
        .filter(id -> id != null).collect(Collectors.toSet());
    List<Signal> signals = new ArrayList<>();
    for (ElementInstance end : client.newElementInstanceSearchRequest().filter(f -> f.elementId(END_EVENT))
        .page(p -> p.limit(100)).send().join().items()) {
      Map<String, String> variables = new HashMap<>();
      for (Variable variable : client.newVariableSearchRequest()
          .filter(f -> f.processInstanceKey(end.getProcessInstanceKey())).send().join().items()) {
        CaseIndex.text(variable.getValue()).ifPresent(value -> variables.put(variable.getName(), value));
      }
      String station = variables.get("stationId");
      if (!allStations && (station == null || !station.equals(user.organisationId()))) {
        continue;
      }
      String idNumber = variables.get("idNumber");
      if (idNumber != null && registeredIds.contains(idNumber)) {
        continue;
      }
      signals.add(new Signal(end.getProcessInstanceKey(), variables.get("caseNumber"), variables.get("fullName"),
          idNumber, variables.get("destination")));
    }
    return signals;
  }
}
