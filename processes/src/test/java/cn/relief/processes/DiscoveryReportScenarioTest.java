package cn.relief.processes;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.api.EngineApi.ActivatedJob;
import cn.relief.engine.record.ProcessInstanceRecord;
import cn.relief.engine.record.ValueType;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 发现报告: dispatch, the overdue reminder, the outcome on the scene, later sightings joined. */
@SuppressWarnings("unchecked")
class DiscoveryReportScenarioTest extends CentreScenarioTest {
  /** Whoever runs the dispatch board: a station's staff, its head, the regional centre. */
  private static final String[] DISPATCHERS = {"caseworker", "station-head", "regional-centre"};
  private static final Map<String, Object> DISPATCHED = Map.of("assignedTeamId", "team-tianhe-1",
      "assignedTeamName", "天河一队");

  private static Map<String, Object> report(String reference) {
    Map<String, Object> report = new HashMap<>(Map.of("reportReference", reference, "reportSource", "PUBLIC_WEB",
        "location", "天河公园南门", "latitude", 23.1250, "longitude", 113.3700, "description", "老人独自坐在长椅上，衣着单薄",
        "province", "广东省", "stationId", "org-station-tianhe", "dispatchTimeLimit", "PT15M"));
    report.put("needsMedicalCare", false);
    return report;
  }

  @Test
  void aReportDispatchedAndAcceptedBecomesAPublicReportCase() throws Exception {
    start("discovery-report", report("FX-20261130-0001"));
    complete("UserTask_dispatch", DISPATCHED, DISPATCHERS);
    complete("UserTask_onScene", Map.of("outcome", "ACCEPTS_HELP", "isMinor", false, "needsMedicalCare", true,
        "findings", "男，约70岁，自述迷路"));

    ActivatedJob start = job("relief.start-relief-case", Map.of("reliefCaseInstanceKey", 2251799813688888L));
    assertThat(start.variables()).containsEntry("intakeChannel", "PUBLIC_REPORT").containsEntry("province", "广东省")
        .containsEntry("reportReference", "FX-20261130-0001");
    assertThat((Map<String, Object>) start.variables().get("discovery")).containsEntry("location", "天河公园南门")
        .containsEntry("description", "男，约70岁，自述迷路").containsEntry("needsMedicalCare", true)
        .containsEntry("isMinor", false);
    awaitCompleted("discovery-report");
    assertThat(passed()).contains("EndEvent_caseStarted").doesNotContain("ServiceTask_overdueReminder");
  }

  @Test
  void aMinorWhoRefusesIsStillTakenInAndAnAdultWhoRefusesIsNot() throws Exception {
    start("discovery-report", report("FX-20261130-0002"));
    complete("UserTask_dispatch", DISPATCHED, DISPATCHERS);
    complete("UserTask_onScene", Map.of("outcome", "REFUSES_HELP", "isMinor", true));
    ActivatedJob start = job("relief.start-relief-case", Map.of("reliefCaseInstanceKey", 2251799813688889L));
    assertThat((Map<String, Object>) start.variables().get("discovery")).containsEntry("isMinor", true)
        .as("no findings written: the report's description").containsEntry("description", "老人独自坐在长椅上，衣着单薄");
    awaitCompleted("discovery-report");

    start("discovery-report", report("FX-20261130-0003"));
    complete("UserTask_dispatch", DISPATCHED, DISPATCHERS);
    complete("UserTask_onScene", Map.of("outcome", "REFUSES_HELP", "isMinor", false));
    awaitCompleted("discovery-report");
    assertThat(passed()).contains("EndEvent_refused");
    assertThat(jobsCreated("relief.start-relief-case")).isEqualTo(1);
  }

  @Test
  void aReportNobodyTakesInTimeRemindsTheRegionalCentreAndStaysOpen() throws Exception {
    start("discovery-report", report("FX-20261130-0004"));
    awaitTimer("BoundaryEvent_dispatchOverdue");
    advanceClock(Duration.ofMinutes(16));
    ActivatedJob reminder = job("relief.deadline-reminder", Map.of());
    assertThat(reminder.variables()).containsEntry("reminderRecipient", "regional-centre")
        .containsEntry("caseNumber", "FX-20261130-0004")
        .containsEntry("subject", "发现报告 FX-20261130-0004 超时无人派遣，请督办");

    // the dispatch task stays open: the reminder does not take the report away from the station
    complete("UserTask_dispatch", Map.of("assignedTeamId", "team-tianhe-2", "assignedTeamName", "天河二队"), DISPATCHERS);
    complete("UserTask_onScene", Map.of("outcome", "NOT_FOUND"));
    awaitCompleted("discovery-report");
    assertThat(passed()).contains("EndEvent_overdueReported", "EndEvent_closed");
  }

  @Test
  void aLaterSightingOfTheSamePersonJoinsTheOpenReport() throws Exception {
    long report = start("discovery-report", report("FX-20261130-0005"));
    publish("relief-report-sighting", "FX-20261130-0005", Map.of("sightingReference", "FX-20261130-0006"));
    awaitRecord(r -> r.valueType() == ValueType.PROCESS_INSTANCE
        && r.intent().equals("ELEMENT_COMPLETED")
        && ((ProcessInstanceRecord) r.value()).elementId().equals("EndEvent_sightingJoined")
        && ((ProcessInstanceRecord) r.value()).processInstanceKey() == report);
    complete("UserTask_dispatch", DISPATCHED, DISPATCHERS);
    complete("UserTask_onScene", Map.of("outcome", "NO_NEED"));
    awaitCompleted("discovery-report");
    assertThat(passed()).contains("SubProcess_sighting", "EndEvent_closed");
  }
}
