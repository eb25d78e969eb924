package cn.relief.app.patrol;

import cn.relief.app.reports.ReportsProperties;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.Variable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A round's instance of {@value #PROCESS_ID} on the engine. Planned and extra rounds are created by
 * the application's client ({@link #start}); a weather alert is a signal broadcast as the person
 * who raised it ({@link #raise}), and its instance is found afterwards by the round's id among the
 * signal's variables ({@link #find}).
 */
@Component
public class RoundProcesses {
  static final String PROCESS_ID = "street-patrol";
  static final String RECORD_TASK = "UserTask_patrolRecord";
  /** The weather alerts' signals in the model. */
  static final Map<RoundKind, String> SIGNALS = Map.of(RoundKind.COLD_WAVE, "relief-cold-wave-alert", RoundKind.HEAT,
      "relief-heat-alert");
  private static final Duration FIND_WAIT = Duration.ofSeconds(15);

  private final CamundaClient client;
  private final ReportsProperties reports;

  RoundProcesses(CamundaClient client, ReportsProperties reports) {
    this.client = client;
    this.reports = reports;
  }

  /** Starts a planned or extra round's process (the model's none start, "按计划巡查"); its key. */
  long start(PatrolRound round, PatrolArea area, String teamName) {
    return client.newCreateInstanceCommand().bpmnProcessId(PROCESS_ID).latestVersion()
        .variables(variables(round.id(), area, teamName)).send().join().getProcessInstanceKey();
  }

  /** Broadcasts the alert's signal as the person who raised it: the model starts an extra round. */
  void raise(CamundaClient userClient, RoundKind kind, long roundId, PatrolArea area) {
    userClient.newBroadcastSignalCommand().signalName(SIGNALS.get(kind)).variables(variables(roundId, area, null))
        .send().join();
  }

  /** The instance a signal started for the round, awaited for a while (the engine's search reads its history). */
  Optional<Long> find(CamundaClient userClient, long roundId) {
    long until = System.nanoTime() + FIND_WAIT.toNanos();
    while (true) {
      List<Variable> found = userClient.newVariableSearchRequest()
          .filter(f -> f.name("patrolRoundId").value(Long.toString(roundId))).send().join().items();
      if (!found.isEmpty()) {
        return Optional.of(found.get(0).getProcessInstanceKey());
      }
      if (System.nanoTime() > until) {
        return Optional.empty();
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  /** The province the rounds' relief cases are received in (the record task's form asks for it). */
  String province() {
    return reports.province();
  }

  private Map<String, Object> variables(long roundId, PatrolArea area, String teamName) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("patrolRoundId", roundId);
    variables.put("patrolAreaId", area.id());
    variables.put("patrolArea", area.name());
    variables.put("stationId", area.stationId());
    variables.put("province", reports.province());
    if (teamName != null) {
      variables.put("patrolTeam", teamName);
    }
    return variables;
  }
}
