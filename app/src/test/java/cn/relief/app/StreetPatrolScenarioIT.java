package cn.relief.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.search.enums.ProcessInstanceState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cold-wave alert (寒冬送温暖) starts an extra patrol round; who accepts help becomes a relief case. */
class StreetPatrolScenarioIT extends ScenarioSupport {

  @Test
  void aColdWaveAlertStartsARoundAndTheDiscoveryWhoAcceptsHelpBecomesACase() {
    String area = "天河区体育西路-" + System.nanoTime();
    client.newBroadcastSignalCommand().signalName("relief-cold-wave-alert")
        .variables(Map.of("patrolArea", area, "province", "广东省")).send().join();
    long round = instanceWhere("street-patrol", "patrolArea", area);

    complete(round, "UserTask_patrolRecord", Map.of("patrolArea", area, "province", "广东省", "patrolTeam", "陈刚、刘芳",
        "discoveries", List.of(
            discovery("体育西路地铁站B出口", "男，约60岁，衣着单薄，自述无处可去", true, null),
            discovery("天河路人行天桥下", "男，约45岁，神志清醒", false, "已发放棉被和热食，告知救助站地址和求助热线"))));
    awaitState(round, ProcessInstanceState.COMPLETED);

    Map<String, Object> variables = variables(round);
    List<?> cases = (List<?>) variables.get("reliefCaseKeys");
    assertThat(cases).hasSize(1);
    assertThat(variables).containsKey("adviceRecordDocumentId");
    long reliefCase = ((Number) cases.get(0)).longValue();
    awaitTask(reliefCase, "UserTask_intake");
    assertThat(variables(reliefCase)).containsEntry("intakeChannel", "STREET_PATROL")
        .containsEntry("discoveryLocation", "体育西路地铁站B出口").containsEntry("province", "广东省");
    assertThat(passed(round)).contains("StartEvent_coldWave", "ServiceTask_startReliefCase");
    client.newCancelInstanceCommand(reliefCase).send().join();
  }

  private static Map<String, Object> discovery(String location, String description, boolean acceptsHelp,
      String adviceGiven) {
    Map<String, Object> discovery = new HashMap<>(Map.of("location", location, "description", description,
        "acceptsHelp", acceptsHelp, "needsMedicalCare", false, "isMinor", false));
    if (adviceGiven != null) {
      discovery.put("adviceGiven", adviceGiven);
    }
    return discovery;
  }
}
