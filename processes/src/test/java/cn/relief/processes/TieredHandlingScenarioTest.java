package cn.relief.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.relief.engine.api.EngineApi.ActivatedJob;
import cn.relief.engine.record.ProcessInstanceRecord;
import cn.relief.engine.record.Record;
import cn.relief.engine.record.TimerRecord;
import cn.relief.engine.record.UserTaskRecord;
import cn.relief.engine.record.ValueType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tiered handling (民函〔2024〕15号) at the regional centre: {@code regional-escalation} started by the
 * station's message, with {@code joint-handling} and {@code downward-assistance} as its call
 * activities; the report back carries the outcome; time limits come from the time-limits table.
 */
@SuppressWarnings("unchecked")
class TieredHandlingScenarioTest extends ModelScenarioTest {

  private static final String RECEIVED = "relief-escalation-received";

  @Test
  void aMinorWithAMedicalProblemIsHandledJointlyByPoliceHealthAndEducation() throws Exception {
    Map<String, Object> received = received("JZ-GX-00000011", "JOINT_HANDLING", 14, "DOMESTIC_VIOLENCE");
    received.put("jointAgencies", List.of("police", "health", "education"));
    received.put("medicalComplex", true);
    publish(RECEIVED, "JZ-GX-00000011", received);

    complete("UserTask_centreAcceptance", Map.of("escalationAccepted", true,
        "acceptanceNote", "受理，由区域性中心牵头协同会办"), "regional-centre");
    complete("UserTask_agencyOpinion", opinion("继续寻亲，核查监护人情况", "采集DNA比对"), "police");
    complete("UserTask_agencyOpinion", opinion("先行医疗救治", "安排定点医院收治，费用按医疗救助办理"), "health");
    complete("UserTask_agencyOpinion", opinion("保障受教育权利", "联系就近学校临时就学"), "education");
    complete("UserTask_jointDecision", Map.of("jointDecision", "由区域性中心临时监护，先行医疗救治，出院后临时就学，公安继续寻亲",
        "jointDecisionCode", "TEMPORARY_GUARDIANSHIP"), "regional-centre");

    ActivatedJob minutes = job("relief.notice-pdf",
        Map.of("noticeDocumentId", "JZ-GX-00000011/ServiceTask_minutes/1/joint_minutes.pdf"));
    assertThat(minutes.variables()).containsEntry("noticeKind", "JOINT_MINUTES")
        .containsEntry("caseNumber", "JZ-GX-00000011").containsEntry("fullName", "小明");
    assertThat((String) minutes.variables().get("reason")).contains("临时监护");
    assertThat((String) minutes.variables().get("note"))
        .contains("公安：继续寻亲", "卫健：先行医疗救治", "教育：保障受教育权利", "措施：采集DNA比对", "TEMPORARY_GUARDIANSHIP");

    ActivatedJob report = job("relief.escalation-report", Map.of("escalationReportedAt", "2026-12-01T10:30:00+08:00"));
    assertThat(report.variables()).containsEntry("escalationOutcome", "JOINT_DECISION")
        .containsEntry("jointDecision", "由区域性中心临时监护，先行医疗救治，出院后临时就学，公安继续寻亲")
        .containsEntry("jointDecisionDocumentId", "JZ-GX-00000011/ServiceTask_minutes/1/joint_minutes.pdf")
        .containsEntry("jointDecisionCode", "TEMPORARY_GUARDIANSHIP");
    assertThat((String) report.variables().get("escalationReport")).startsWith("协同会办共同决定：");
    assertThat((List<Map<String, Object>>) report.variables().get("agencyOpinions"))
        .extracting(o -> o.get("agency"), o -> o.get("measures"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("police", "采集DNA比对"),
            org.assertj.core.groups.Tuple.tuple("health", "安排定点医院收治，费用按医疗救助办理"),
            org.assertj.core.groups.Tuple.tuple("education", "联系就近学校临时就学"));

    awaitEnded("regional-escalation");
    // the reminders wait exactly the time limits of the table: P5D for the joint decision, P10D for the report
    assertThat(timerWait("BoundaryEvent_opinionsLate")).isEqualTo(Duration.ofDays(5));
    assertThat(timerWait("BoundaryEvent_reportLate")).isEqualTo(Duration.ofDays(10));
    assertThat(passed()).contains("BusinessRuleTask_timeLimits", "CallActivity_jointHandling", "ServiceTask_minutes",
        "EndEvent_jointDecided", "EndEvent_reported")
        .doesNotContain("CallActivity_downwardAssistance", "UserTask_centreHandling", "EndEvent_opinionsReminded");
  }

  @Test
  void downwardAssistanceIsReportedByItsDueDateOrTheStationHeadIsReminded() throws Exception {
    publish(RECEIVED, "JZ-GD-00000012", received("JZ-GD-00000012", "DOWNWARD_ASSISTANCE", 60, "WANDERING_PRONE"));
    complete("UserTask_centreAcceptance", Map.of("escalationAccepted", true, "acceptanceNote", "派寻亲专家下沉协助"),
        "regional-centre");
    long planned = System.currentTimeMillis();
    complete("UserTask_assistancePlan", Map.of("assistanceKinds", List.of("STAFF", "TRACING_EXPERT"),
        "assistanceStaff", "王五、赵六", "assistancePlan", "协助人像比对和方言辨识"), "regional-centre");

    ActivatedJob dispatch = job("relief.assistance-dispatch", Map.of("assistanceDispatchNo", "TZ-000001"));
    assertThat(dispatch.variables()).containsEntry("caseNumber", "JZ-GD-00000012")
        .containsEntry("assistanceKinds", List.of("STAFF", "TRACING_EXPERT")).containsEntry("assistanceStaff", "王五、赵六");
    long dueDate = ZonedDateTime.parse((String) dispatch.variables().get("assistanceDueDate")).toInstant().toEpochMilli();
    // five days (downwardAssistanceWithin of the time-limits table) from the plan
    assertThat(dueDate - planned).isBetween(Duration.ofDays(5).minusMinutes(1).toMillis(),
        Duration.ofDays(5).plusMinutes(1).toMillis());

    Record task = awaitRecord(r -> r.valueType() == ValueType.USER_TASK && r.intent().equals("CREATED")
        && ((UserTaskRecord) r.value()).elementId().equals("UserTask_assistanceReport"));
    assertThat(OffsetDateTime.parse(((UserTaskRecord) task.value()).dueDate()).toInstant().toEpochMilli())
        .as("due date of the station's report").isEqualTo(dueDate);
    Record timer = awaitRecord(r -> r.valueType() == ValueType.TIMER && r.intent().equals("CREATED")
        && ((TimerRecord) r.value()).targetElementId().equals("BoundaryEvent_reportLate")
        && ((TimerRecord) r.value()).dueDate() == dueDate);
    assertThat(timer).isNotNull();

    // six days on: the report is overdue, the station head is reminded and the task stays open
    advanceClock(Duration.ofDays(6));
    ActivatedJob reminder = job("relief.deadline-reminder", Map.of("reminderNo", "TZ-000002"));
    assertThat(reminder.variables()).containsEntry("subject", "下沉协助成效未在规定时限内报告")
        .containsEntry("caseNumber", "JZ-GD-00000012").doesNotContainKey("reminderRecipient");
    complete("UserTask_assistanceReport", Map.of("assistanceReport", "经方言辨识确认为湖南籍，已联系当地民政核实"),
        "station-head");

    ActivatedJob report = job("relief.escalation-report", Map.of("escalationReportedAt", "2026-12-07T10:30:00+08:00"));
    assertThat(report.variables()).containsEntry("escalationOutcome", "ASSISTED")
        .containsEntry("escalationReport", "下沉协助成效：经方言辨识确认为湖南籍，已联系当地民政核实")
        .containsEntry("assistanceDueDate", dispatch.variables().get("assistanceDueDate"));
    awaitEnded("regional-escalation");
    assertThat(passed()).contains("CallActivity_downwardAssistance", "BoundaryEvent_reportLate",
        "EndEvent_reportReminded", "EndEvent_assisted", "EndEvent_reported")
        .doesNotContain("CallActivity_jointHandling");
  }

  @Test
  void aDeclinedEscalationIsReportedBackAsDeclined() throws Exception {
    publish(RECEIVED, "JZ-HB-00000013", received("JZ-HB-00000013", "ESCALATION", 45, "VAGRANCY_OR_BEGGING"));
    complete("UserTask_centreAcceptance", Map.of("escalationAccepted", false,
        "acceptanceNote", "医疗情况已稳定，县级站可自行办理"), "regional-centre");

    ActivatedJob report = job("relief.escalation-report", Map.of("escalationReportedAt", "2026-12-01T10:30:00+08:00"));
    assertThat(report.variables()).containsEntry("escalationOutcome", "DECLINED")
        .containsEntry("escalationReport", "不予受理：医疗情况已稳定，县级站可自行办理")
        .containsEntry("caseNumber", "JZ-HB-00000013");
    awaitEnded("regional-escalation");
    assertThat(passed()).contains("EndEvent_reported").doesNotContain("SubProcess_handling", "StartEvent_handling");
  }

  @Test
  void aStepHandedUpIsHandledByTheCentre() throws Exception {
    Map<String, Object> received = received("JZ-SC-00000014", "ESCALATION", 50, "OTHER");
    received.put("escalatedStep", "MEDICAL_TREATMENT");
    received.put("medicalComplex", true);
    publish(RECEIVED, "JZ-SC-00000014", received);
    complete("UserTask_centreAcceptance", Map.of("escalationAccepted", true, "acceptanceNote", "受理医疗救治环节"),
        "regional-centre");
    complete("UserTask_centreHandling", Map.of("handlingReport", "协调市三甲医院会诊并收治，费用由医疗救助基金支付",
        "handlingOutcome", "RESOLVED"), "regional-centre");

    ActivatedJob report = job("relief.escalation-report", Map.of("escalationReportedAt", "2026-12-01T10:30:00+08:00"));
    assertThat(report.variables()).containsEntry("escalationOutcome", "HANDLED")
        .containsEntry("escalationReport", "协调市三甲医院会诊并收治，费用由医疗救助基金支付（已办结）");
    awaitEnded("regional-escalation");
    assertThat(passed()).contains("UserTask_centreHandling", "EndEvent_handled")
        .doesNotContain("CallActivity_crossProvinceEscort");
  }

  /**
   * The escort itself is modelled in {@code cross-province-escort} (branch e6-escort): this scenario
   * runs once both are merged, and checks the call activity's explicit contract both ways.
   */
  @Test
  void anEscortStepIsHandedToCrossProvinceEscortAndReportedWithTheHandoverForm() throws Exception {
    assumeTrue(Models.bpmn().containsKey("cross-province-escort.bpmn"), "cross-province-escort is not merged yet");
    Map<String, Object> received = received("JZ-GD-00000015", "ESCALATION", 72, "WANDERING_PRONE");
    received.put("province", "广东省");
    received.put("escalatedStep", "CROSS_PROVINCE_ESCORT");
    received.put("destination", "湖南省邵阳市");
    publish(RECEIVED, "JZ-GD-00000015", received);
    complete("UserTask_centreAcceptance", Map.of("escalationAccepted", true, "acceptanceNote", "受理跨省护送"),
        "regional-centre");

    complete("UserTask_escortPlan", Map.of("receivingProvince", "湖南省", "handoverPoint", "湖南省救助管理站（长沙）",
        "escortDate", "2026-12-05", "escortStaff", "王强、李敏", "vehicle", "粤A·J1234"), "regional-centre");
    ActivatedJob notice = job("relief.escort-notification", Map.of("escortNotificationNo", "TZ-000101"));
    // only the contract's variables reach the escort: no propagation of the centre's whole scope
    assertThat(notice.variables()).containsEntry("province", "广东省").containsEntry("destination", "湖南省邵阳市")
        .containsEntry("fullName", "小明").doesNotContainKeys("escalation", "jointAgencies", "acceptanceNote");
    job("relief.cross-province-escort-booking", Map.of("escortBookingNo", "HS-000101"));
    complete("UserTask_handover", Map.of("receivingAgency", "长沙市救助管理站", "handedOverTo", "赵六",
        "handoverDate", "2026-12-05", "receiptNo", "HN-JJ-0042"), "regional-centre");
    job("relief.notice-pdf", Map.of("noticeDocumentId", "JZ-GD-00000015/escort_handover.pdf"));

    ActivatedJob report = job("relief.escalation-report", Map.of("escalationReportedAt", "2026-12-05T18:00:00+08:00"));
    assertThat(report.variables()).containsEntry("escalationOutcome", "ESCORTED")
        .containsEntry("handoverDocumentId", "JZ-GD-00000015/escort_handover.pdf")
        .containsEntry("escalationReport", "已跨省护送并交接，交接结果：HANDED_OVER")
        .doesNotContainKeys("receivingAgency", "escortStaff");
    awaitEnded("regional-escalation");
    assertThat(passed()).contains("CallActivity_crossProvinceEscort", "EndEvent_reported");
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** What the station's escalation-request worker publishes. */
  private static Map<String, Object> received(String caseNumber, String mechanism, int age, String cause) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("caseNumber", caseNumber);
    variables.put("escalationKey", caseNumber + "#ServiceTask_escalationRequest/1");
    variables.put("province", "广西壮族自治区");
    variables.put("escalation", Map.of("escalateTo", "regional-centre", "mechanism", mechanism, "reason", "疑难案件"));
    variables.put("jointAgencies", List.of());
    variables.put("escalatedStep", "CASE");
    variables.put("fullName", "小明");
    variables.put("age", age);
    variables.put("gender", "MALE");
    variables.put("cause", cause);
    variables.put("identityFound", false);
    variables.put("medicalComplex", false);
    variables.put("destination", null);
    return variables;
  }

  private static Map<String, Object> opinion(String opinion, String measures) {
    return Map.of("agencyOpinion", opinion, "agencyMeasures", measures);
  }

  /** How long the timer of the boundary event waits from its creation to its due date. */
  private Duration timerWait(String boundaryEvent) throws InterruptedException {
    Record created = awaitRecord(r -> r.valueType() == ValueType.TIMER && r.intent().equals("CREATED")
        && ((TimerRecord) r.value()).targetElementId().equals(boundaryEvent));
    return Duration.ofMillis(((TimerRecord) created.value()).dueDate() - created.timestamp());
  }

  /** The process (started by a message, so no instance key to wait on) completed. */
  private void awaitEnded(String processId) throws InterruptedException {
    awaitRecord(r -> r.valueType() == ValueType.PROCESS_INSTANCE && r.intent().equals("ELEMENT_COMPLETED")
        && ((ProcessInstanceRecord) r.value()).elementId().equals(processId));
    assertNoIncidents();
  }
}
