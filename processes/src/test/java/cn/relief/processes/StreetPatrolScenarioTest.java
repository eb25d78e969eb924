package cn.relief.processes;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.api.EngineApi.ActivatedJob;
import cn.relief.engine.record.ValueType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** 街面巡查: extra rounds on a cold-wave signal, planned rounds started by the application; discoveries become cases. */
@SuppressWarnings("unchecked")
class StreetPatrolScenarioTest extends CentreScenarioTest {

  private static Map<String, Object> discovery(String location, String description, boolean acceptsHelp,
      boolean isMinor, String adviceGiven) {
    Map<String, Object> discovery = new HashMap<>(Map.of("location", location, "description", description,
        "acceptsHelp", acceptsHelp, "needsMedicalCare", false, "isMinor", isMinor));
    if (adviceGiven != null) {
      discovery.put("adviceGiven", adviceGiven);
    }
    return discovery;
  }

  @Test
  void aColdWaveRoundStartsACaseForWhoAcceptsHelpAndRecordsWhoRefuses() throws Exception {
    engine.broadcastSignal("relief-cold-wave-alert", Map.of("patrolArea", "天河区体育西路", "province", "广东省"), TENANT)
        .get(5, TimeUnit.SECONDS);
    long round = awaitInstance("street-patrol");
    assertThat(variable(round, "patrolArea")).isEqualTo("天河区体育西路");

    complete("UserTask_patrolRecord", Map.of("patrolArea", "天河区体育西路", "province", "广东省", "patrolTeam", "陈刚、刘芳",
        "discoveries", List.of(
            discovery("体育西路地铁站B出口", "男，约60岁，衣着单薄，自述无处可去", true, false, null),
            discovery("天河路人行天桥下", "男，约45岁，神志清醒", false, false, "已发放棉被和热食，告知救助站地址和求助热线"))));

    ActivatedJob start = job("relief.start-relief-case", Map.of("reliefCaseInstanceKey", 2251799813699999L));
    assertThat(start.variables()).containsEntry("province", "广东省");
    assertThat((Map<String, Object>) start.variables().get("discovery")).containsEntry("location", "体育西路地铁站B出口")
        .containsEntry("description", "男，约60岁，衣着单薄，自述无处可去").containsEntry("acceptsHelp", true);
    ActivatedJob advice = job("relief.patrol-advice-record",
        Map.of("adviceRecordDocumentId", "XC-" + round + "/ServiceTask_adviceRecord_1-patrol_advice.pdf"));
    List<Map<String, Object>> refusals = (List<Map<String, Object>>) advice.variables().get("refusals");
    assertThat(refusals).singleElement().satisfies(refusal -> assertThat(refusal)
        .containsEntry("location", "天河路人行天桥下").containsEntry("adviceGiven", "已发放棉被和热食，告知救助站地址和求助热线"));
    assertThat(advice.variables()).containsEntry("patrolArea", "天河区体育西路").containsEntry("patrolTeam", "陈刚、刘芳");

    awaitCompleted("street-patrol");
    assertThat(jobsCreated("relief.start-relief-case")).isEqualTo(1);
    assertThat(((List<Number>) variable(round, "reliefCaseKeys"))).extracting(Number::longValue)
        .containsExactly(2251799813699999L);
    assertThat(variable(round, "adviceRecordDocumentId")).isEqualTo("XC-" + round + "/ServiceTask_adviceRecord_1-patrol_advice.pdf");
    assertThat(passed()).contains("StartEvent_coldWave", "ServiceTask_startReliefCase", "EndEvent_adviceRecorded")
        .doesNotContain("StartEvent_planned", "EndEvent_roundDone");
  }

  @Test
  void aMinorIsAlwaysTakenInAndARoundWithoutRefusalsRecordsNothing() throws Exception {
    engine.broadcastSignal("relief-heat-alert", Map.of("patrolArea", "越秀区北京路", "province", "广东省"), TENANT)
        .get(5, TimeUnit.SECONDS);
    awaitInstance("street-patrol");
    complete("UserTask_patrolRecord", Map.of("patrolArea", "越秀区北京路", "province", "广东省", "patrolTeam", "陈刚",
        "discoveries", List.of(discovery("北京路步行街", "女，约14岁，独自一人", false, true, "已联系公安"))));
    ActivatedJob start = job("relief.start-relief-case", Map.of("reliefCaseInstanceKey", 2251799813699998L));
    assertThat((Map<String, Object>) start.variables().get("discovery")).containsEntry("isMinor", true)
        .containsEntry("acceptsHelp", false);
    awaitCompleted("street-patrol");
    assertThat(passed()).contains("StartEvent_heatAlert", "EndEvent_roundDone").doesNotContain("ServiceTask_adviceRecord");
  }

  @Test
  void aPlannedRoundIsStartedWithItsAreaAndTeamAndHasNoTimerOfItsOwn() throws Exception {
    // the plans (area, team, time) live in the application: a timer start event carries no variables
    long round = start("street-patrol", Map.of("patrolRoundId", 41, "patrolAreaId", "area-tianhe-sports",
        "patrolArea", "天河体育中心周边", "patrolTeam", "天河一队", "stationId", "org-station-tianhe", "province", "广东省"));
    complete("UserTask_patrolRecord", Map.of("patrolArea", "天河体育中心周边", "province", "广东省", "patrolTeam",
        "天河一队（li.caseworker）", "discoveries", List.of(
            discovery("体育中心南门", "女，约30岁，带一名约5岁的男孩，自述被丈夫赶出家门", true, false, null))));
    ActivatedJob start = job("relief.start-relief-case", Map.of("reliefCaseInstanceKey", 2251799813699997L));
    assertThat(start.variables()).containsEntry("stationId", "org-station-tianhe").containsEntry("province", "广东省");
    awaitCompleted("street-patrol");
    assertThat(variable(round, "patrolRoundId")).isEqualTo(41);
    assertThat(passed()).contains("StartEvent_planned", "ServiceTask_startReliefCase", "EndEvent_roundDone");
    assertThat(records.stream().filter(r -> r.valueType() == ValueType.TIMER)).isEmpty();
  }
}
