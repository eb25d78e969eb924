package cn.relief.app.keypersons;

import cn.relief.app.dashboard.CaseIndex;
import cn.relief.app.dashboard.SearchPages;
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
  private static final List<String> SHOWN = List.of("stationId", "caseNumber", "fullName", "idNumber", "destination");

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
    List<Long> ended = client.newElementInstanceSearchRequest().filter(f -> f.elementId(END_EVENT))
        .page(p -> p.limit(100)).send().join().items().stream().map(ElementInstance::getProcessInstanceKey).toList();
    if (ended.isEmpty()) {
      return signals;
    }
    // the few variables the signal shows, of all those follow-ups in one search
    Map<Long, Map<String, String>> byInstance = new HashMap<>();
    for (Variable variable : SearchPages.all(from -> client.newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(k -> k.in(ended)).name(n -> n.in(SHOWN)))
        .page(p -> p.from(from).limit(SearchPages.PAGE)).send().join())) {
      CaseIndex.text(variable.getValue()).ifPresent(value -> byInstance
          .computeIfAbsent(variable.getProcessInstanceKey(), key -> new HashMap<>()).put(variable.getName(), value));
    }
    for (long followUp : ended) {
      Map<String, String> variables = byInstance.getOrDefault(followUp, Map.of());
      String station = variables.get("stationId");
      if (!allStations && (station == null || !station.equals(user.organisationId()))) {
        continue;
      }
      String idNumber = variables.get("idNumber");
      if (idNumber != null && registeredIds.contains(idNumber)) {
        continue;
      }
      signals.add(new Signal(followUp, variables.get("caseNumber"), variables.get("fullName"),
          idNumber, variables.get("destination")));
    }
    return signals;
  }
}
