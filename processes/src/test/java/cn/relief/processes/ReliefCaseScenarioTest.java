package cn.relief.processes;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.api.EngineApi.ActivatedJob;
import cn.relief.engine.api.EngineApi.PublishMessage;
import cn.relief.engine.record.ProcessInstanceRecord;
import cn.relief.engine.record.Record;
import cn.relief.engine.record.UserTaskRecord;
import cn.relief.engine.record.ValueType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Cases run through the relief-case model: the forms' rules accept what caseworkers enter,
 * decisions route the case, timers take their durations from the time-limits table, and no step
 * raises an incident.
 */
@SuppressWarnings("unchecked")
class ReliefCaseScenarioTest extends ModelScenarioTest {
  /** What the escalation-request worker returns: the key the centre's report comes back on. */
  private static final String ESCALATION_KEY = "JZ-TEST#ServiceTask_escalationRequest/1";

  // ---- the scenarios ---------------------------------------------------------------------------

  @Test
  void anEligiblePersonIsIdentifiedAtOnceAndReturnsHome() throws Exception {
    start();
    complete("UserTask_intake", Map.of("intakeChannel", "SELF_REFERRAL", "province", "广东省"));
    complete("UserTask_doorScreening", Map.of("suspectedMentalDisorder", false, "dangerToOthers", false));
    complete("UserTask_registration", registration(45, "VAGRANCY_OR_BEGGING"));
    complete("UserTask_securityCheck", Map.of("belongings", "身份证一张、手机一部", "belongingsHeld", true,
        "fingerprintsTaken", true, "photoTaken", true));
    ActivatedJob registered = job("relief.national-registration", Map.of("caseNumber", "GD-2026-0001"));
    assertThat(registered.variables()).containsEntry("province", "广东省").containsEntry("intakeChannel", "SELF_REFERRAL")
        .containsEntry("idNumber", "11010519491231002X");

    complete("UserTask_needsAssessment", Map.of("accommodationArea", "MALE_AREA"));
    job("relief.care-arrangement", Map.of());
    job("relief.biometric-comparison", Map.of("identityFound", true));

    complete("UserTask_departure", Map.of("departureKind", "RETURN_HOME", "departureDate", "2026-12-02",
        "destination", "湖南省长沙市", "cashAmount", 15));
    ActivatedJob ticket = job("relief.return-ticket", Map.of());
    assertThat(ticket.variables()).containsEntry("destination", "湖南省长沙市");
    assertThat(((Number) ticket.variables().get("returnFareCashCap")).intValue()).isEqualTo(20);
    // the hometown's civil affairs help follow up after the return (return-follow-up)
    ActivatedJob followUp = job("relief.linkage-referral", Map.of("linkageReferrals", Map.of("RETURN_FOLLOW_UP", "HF-1")));
    assertThat(followUp.variables()).containsEntry("linkages", List.of("RETURN_FOLLOW_UP"))
        .as("no repeat vagrancy: the follow-up's own intervals").containsEntry("followUpIntervals", null);
    complete("UserTask_closure", Map.of("recordsComplete", true), "station-head");
    ActivatedJob archive = job("relief.case-archive", Map.of());
    assertThat(archive.variables()).containsEntry("departureKind", "RETURN_HOME")
        .containsEntry("caseNumber", "GD-2026-0001");
    awaitCompleted("relief-case");
    assertThat(passed()).contains("BusinessRuleTask_timeLimits", "BusinessRuleTask_admission",
        "BusinessRuleTask_linkages", "BusinessRuleTask_escalation", "CallActivity_familyTracing",
        "EndEvent_identifiedAtOnce", "ServiceTask_followUpReferral").doesNotContain("UserTask_refusalReview",
        "ServiceTask_linkageReferral",
        "ServiceTask_escalationRequest");
  }

  @Test
  void aPersonWhoCanPayIsRefusedWithAWrittenNotice() throws Exception {
    start();
    complete("UserTask_intake", Map.of("intakeChannel", "PUBLIC_REPORT", "province", "北京市"));
    complete("UserTask_doorScreening", Map.of());
    Map<String, Object> registration = registration(30, "OTHER");
    registration.put("canPayFoodAndLodging", true);
    complete("UserTask_registration", registration);
    complete("UserTask_securityCheck", Map.of("belongings", "背包一个"));
    job("relief.national-registration", Map.of("caseNumber", "BJ-2026-0002"));
    complete("UserTask_refusalReview", Map.of("refusalConfirmed", true, "refusalNote", "本人有现金，可自行解决食宿"),
        "station-head");
    ActivatedJob notice = job("relief.notice-pdf", Map.of());
    assertThat(notice.variables()).containsEntry("noticeKind", "REFUSAL");
    assertThat((String) notice.variables().get("reason")).contains("食宿");
    awaitCompleted("relief-case");
    assertThat(passed()).contains("EndEvent_refused").doesNotContain("SubProcess_care");
  }

  @Test
  void theStationHeadCanOverrideARefusal() throws Exception {
    start();
    complete("UserTask_intake", Map.of("intakeChannel", "STREET_PATROL", "province", "四川省"));
    complete("UserTask_doorScreening", Map.of());
    Map<String, Object> registration = registration(50, "OTHER");
    registration.put("hasSupport", true);
    complete("UserTask_registration", registration);
    complete("UserTask_securityCheck", Map.of("belongings", "无"));
    job("relief.national-registration", Map.of("caseNumber", "SC-2026-0003"));
    complete("UserTask_refusalReview", Map.of("refusalConfirmed", false, "refusalNote", "亲友已明确拒绝接纳，予以救助"),
        "station-head");
    complete("UserTask_needsAssessment", Map.of("accommodationArea", "MALE_AREA"));
    assertNoIncidents();
  }

  @Test
  void aMinorVictimOfDomesticViolenceIsLinkedAndHandledJointly() throws Exception {
    start();
    complete("UserTask_intake", Map.of("intakeChannel", "POLICE_ESCORT", "policeHandoverFormNo", "JH-001",
        "province", "广西壮族自治区"));
    complete("UserTask_doorScreening", Map.of("criticalIllnessOrInjury", true));
    job("relief.emergency-medical-referral", Map.of());
    complete("UserTask_medicalOutcome", Map.of("hospitalName", "市第一人民医院", "returnedToStation", true,
        "usedEmergencyMedicalFund", true));
    job("relief.medical-record", Map.of());
    Map<String, Object> registration = registration(14, "DOMESTIC_VIOLENCE");
    registration.remove("idNumber");
    registration.put("livingByVagrancyOrBegging", false);
    complete("UserTask_registration", registration);
    complete("UserTask_securityCheck", Map.of("belongings", "书包"));
    job("relief.national-registration", Map.of("caseNumber", "GX-2026-0004"));
    ActivatedJob linkage = job("relief.linkage-referral", Map.of());
    assertThat((List<Object>) linkage.variables().get("linkages"))
        .containsExactlyInAnyOrder("MINOR_PROTECTION", "DOMESTIC_VIOLENCE_SHELTER");
    complete("UserTask_needsAssessment", Map.of("accommodationArea", "MINOR_AREA"));
    job("relief.care-arrangement", Map.of());
    ActivatedJob escalation = job("relief.escalation-request", Map.of("escalationKey", ESCALATION_KEY));
    assertThat((Map<String, Object>) escalation.variables().get("escalation"))
        .containsEntry("escalateTo", "regional-centre").containsEntry("mechanism", "JOINT_HANDLING");
    assertThat((List<Object>) escalation.variables().get("jointAgencies"))
        .containsExactlyInAnyOrder("police", "education", "womens-federation", "court");
    assertNoIncidents();
  }

  @Test
  void theEngineRefusesARegistrationWithAMalformedIdNumber() throws Exception {
    start();
    complete("UserTask_intake", Map.of("intakeChannel", "SELF_REFERRAL", "province", "浙江省"));
    complete("UserTask_doorScreening", Map.of());
    Record created = awaitRecord(r -> r.valueType() == ValueType.USER_TASK && r.intent().equals("CREATED")
        && ((UserTaskRecord) r.value()).elementId().equals("UserTask_registration"));
    Map<String, Object> registration = registration(40, "OTHER");
    registration.put("idNumber", "33010619801301123X"); // month 13
    Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
        () -> engine.completeUserTask(created.key(), registration, "complete").get(5, TimeUnit.SECONDS));
    assertThat(refused).isNotNull();
    assertThat(refused.getCause().getMessage()).contains("idNumber");
    registration.put("idNumber", "11010519491231002X");
    completeTask(created.key(), registration);
    complete("UserTask_securityCheck", Map.of("belongings", "无"));
    assertNoIncidents();
  }

  @Test
  void aPersonDangerousToOthersIsHandedToThePolice() throws Exception {
    start();
    complete("UserTask_intake", Map.of("intakeChannel", "SELF_REFERRAL", "province", "上海市"));
    complete("UserTask_doorScreening", Map.of("dangerToOthers", true, "screeningNote", "持刀"));
    job("relief.police-referral", Map.of());
    awaitCompleted("relief-case");
    assertThat(passed()).contains("EndEvent_police").doesNotContain("UserTask_registration");
  }

  @Test
  void anUnidentifiedPersonIsTracedThenStrandedThenLeaves() throws Exception {
    start();
    complete("UserTask_intake", Map.of("intakeChannel", "STREET_PATROL", "province", "广东省"));
    complete("UserTask_doorScreening", Map.of());
    Map<String, Object> registration = registration(60, "WANDERING_PRONE");
    registration.put("fullName", "无名氏");
    registration.remove("idNumber");
    registration.put("canGiveInformation", false);
    complete("UserTask_registration", registration);
    complete("UserTask_securityCheck", Map.of("belongings", "无"));
    job("relief.national-registration", Map.of("caseNumber", "GD-2026-0005"));
    ActivatedJob linkage = job("relief.linkage-referral", Map.of());
    assertThat((List<Object>) linkage.variables().get("linkages")).containsExactly("EXTREMELY_POOR_SUPPORT");
    complete("UserTask_needsAssessment", Map.of("accommodationArea", "MALE_AREA"));
    job("relief.care-arrangement", Map.of());
    job("relief.biometric-comparison", Map.of("identityFound", false));
    long entered = System.currentTimeMillis();
    ActivatedJob deadline = job("relief.working-day-deadline", Map.of("dueDate", "2027-01-01T09:00:00+08:00"));
    assertThat(((Number) deadline.variables().get("workingDays")).intValue()).isEqualTo(7);
    // the caseworker sees both deadlines on the tasks: the notice within 24 hours, the DNA request by the working day
    UserTaskRecord noticeTask = (UserTaskRecord) awaitRecord(r -> r.valueType() == ValueType.USER_TASK
        && r.intent().equals("CREATED") && ((UserTaskRecord) r.value()).elementId().equals("UserTask_tracingNotice")).value();
    assertThat(java.time.OffsetDateTime.parse(noticeTask.dueDate()).toInstant().toEpochMilli() - entered)
        .isBetween(Duration.ofHours(24).toMillis() - 60_000, Duration.ofHours(24).toMillis());
    UserTaskRecord dna = (UserTaskRecord) awaitRecord(r -> r.valueType() == ValueType.USER_TASK
        && r.intent().equals("CREATED") && ((UserTaskRecord) r.value()).elementId().equals("UserTask_dnaRequest")).value();
    assertThat(java.time.OffsetDateTime.parse(dna.dueDate())).isEqualTo(java.time.OffsetDateTime.parse("2027-01-01T09:00:00+08:00"));
    complete("UserTask_tracingNotice", Map.of("noticeText", "男性，约60岁，身高170厘米，于广州市街头发现，请家属联系本站。",
        "noticeChannels", List.of("NATIONAL_TRACING_SITE", "NEWSPAPER")));
    job("relief.tracing-notice", Map.of());
    complete("UserTask_dnaRequest", Map.of("policeStation", "越秀区公安分局", "dnaRequestDate", "2026-12-03"));
    job("relief.dna-request", Map.of());
    awaitRecord(r -> r.valueType() == ValueType.PROCESS_INSTANCE
        && ((ProcessInstanceRecord) r.value()).elementId().equals("ReceiveTask_awaitIdentity")
        && r.intent().equals("ELEMENT_ACTIVATED"));

    // eleven days later: the ten-day limit of the time-limits table has passed
    engine.pinClock(System.currentTimeMillis() + Duration.ofDays(11).toMillis()).get(5, TimeUnit.SECONDS);
    complete("UserTask_stayExtension", Map.of("daysInStation", 11, "extensionReason", "身份不明，正在寻亲",
        "extensionUntil", "2026-12-31", "filedWith", "广州市民政局"), "station-head");
    job("relief.stay-extension-filing", Map.of());
    ActivatedJob escalation = job("relief.escalation-request", Map.of("escalationKey", ESCALATION_KEY));
    assertThat((Map<String, Object>) escalation.variables().get("escalation"))
        .containsEntry("mechanism", "DOWNWARD_ASSISTANCE");

    // the person leaves of their own will: nobody may keep them
    engine.publishMessage(new PublishMessage("relief-person-leaves", "GD-2026-0005", Duration.ZERO, null,
        Map.of(), TENANT)).get(5, TimeUnit.SECONDS);
    complete("UserTask_departure", Map.of("departureKind", "VOLUNTARY_LEAVE", "departureDate", "2026-12-12",
        "departureNote", "本人要求离站，已签署自愿离站声明，物品已返还"));
    ActivatedJob notice = job("relief.notice-pdf", Map.of());
    assertThat(notice.variables()).containsEntry("noticeKind", "VOLUNTARY_LEAVE");
    complete("UserTask_closure", Map.of("recordsComplete", true), "station-head");
    job("relief.case-archive", Map.of());
    awaitCompleted("relief-case");
    assertThat(passed()).contains("BoundaryEvent_stayLimit", "BoundaryEvent_personLeaves");
  }

  @Test
  void anUnidentifiedPersonIsResettledAfterTheLocalPeriod() throws Exception {
    start();
    complete("UserTask_intake", Map.of("intakeChannel", "POLICE_ESCORT", "policeHandoverFormNo", "JH-778",
        "province", "湖北省"));
    complete("UserTask_doorScreening", Map.of());
    Map<String, Object> registration = registration(35, "VAGRANCY_OR_BEGGING");
    registration.put("fullName", "无名氏");
    registration.remove("idNumber");
    registration.put("canGiveInformation", false);
    complete("UserTask_registration", registration);
    complete("UserTask_securityCheck", Map.of("belongings", "无", "fingerprintsTaken", true, "photoTaken", true));
    job("relief.national-registration", Map.of("caseNumber", "HB-2026-0007"));
    complete("UserTask_needsAssessment", Map.of("accommodationArea", "MALE_AREA", "mentalOrIntellectualDisability", true));
    job("relief.care-arrangement", Map.of());
    job("relief.biometric-comparison", Map.of("identityFound", false));
    job("relief.working-day-deadline", Map.of("dueDate", "2099-01-01T09:00:00+08:00"));
    complete("UserTask_tracingNotice", Map.of("noticeText", "男性，约35岁，由公安机关护送至本站，不能说明个人情况，请家属联系。",
        "noticeChannels", List.of("NATIONAL_TRACING_SITE")));
    job("relief.tracing-notice", Map.of());
    complete("UserTask_dnaRequest", Map.of("policeStation", "江岸区公安分局", "dnaRequestDate", "2026-12-03"));
    job("relief.dna-request", Map.of());
    awaitRecord(r -> r.valueType() == ValueType.PROCESS_INSTANCE
        && ((ProcessInstanceRecord) r.value()).elementId().equals("ReceiveTask_awaitIdentity")
        && r.intent().equals("ELEMENT_ACTIVATED"));

    // more than a month: the stay limit has passed (no filing for signs of intellectual disability)
    // and the notice is refreshed
    engine.pinClock(System.currentTimeMillis() + Duration.ofDays(35).toMillis()).get(5, TimeUnit.SECONDS);
    job("relief.tracing-notice", Map.of());
    ActivatedJob policeLate = job("relief.deadline-reminder", Map.of());
    assertThat((String) policeLate.variables().get("subject")).contains("DNA");
    // without a filing the person is still stranded: the centre is asked to help with the tracing
    ActivatedJob stranded = job("relief.escalation-request", Map.of("escalationKey", ESCALATION_KEY));
    assertThat((Map<String, Object>) stranded.variables().get("escalation"))
        .containsEntry("mechanism", "DOWNWARD_ASSISTANCE").containsEntry("step", "FAMILY_TRACING");

    // more than three months: identity still unknown, the case goes to resettlement
    engine.pinClock(System.currentTimeMillis() + Duration.ofDays(100).toMillis()).get(5, TimeUnit.SECONDS);
    // the monthly refreshes that fell due before the resettlement period ended
    job("relief.tracing-notice", Map.of());
    drainJobs("relief.tracing-notice");
    complete("UserTask_departure", Map.of("departureKind", "TRANSFER", "departureDate", "2027-03-10",
        "destination", "市社会福利院"));
    ActivatedJob transfer = job("relief.transfer-referral", Map.of());
    assertThat(transfer.variables()).containsEntry("identityFound", false);
    ActivatedJob resettlement = job("relief.resettlement-request", Map.of());
    assertThat(resettlement.variables()).containsEntry("caseNumber", "HB-2026-0007").containsEntry("destination", "市社会福利院");
    complete("UserTask_closure", Map.of("recordsComplete", true), "station-head");
    job("relief.case-archive", Map.of());
    awaitCompleted("relief-case");
    assertThat(passed()).contains("EndEvent_resettlement", "EndEvent_refreshed", "BusinessRuleTask_escalationStranded")
        .doesNotContain("UserTask_stayExtension");
  }

  @Test
  void aDnaMatchEndsTheTracingAndTheCaseGoesToDeparture() throws Exception {
    start();
    complete("UserTask_intake", Map.of("intakeChannel", "SELF_REFERRAL", "province", "河南省"));
    complete("UserTask_doorScreening", Map.of());
    Map<String, Object> registration = registration(25, "STRANDED_MIGRANT_WORKER");
    registration.remove("idNumber");
    registration.put("livingByVagrancyOrBegging", false);
    complete("UserTask_registration", registration);
    complete("UserTask_securityCheck", Map.of("belongings", "行李一件"));
    job("relief.national-registration", Map.of("caseNumber", "HA-2026-0008"));
    job("relief.linkage-referral", Map.of());
    complete("UserTask_needsAssessment", Map.of("accommodationArea", "MALE_AREA", "crossProvinceEscort", true));
    job("relief.care-arrangement", Map.of());
    ActivatedJob escalation = job("relief.escalation-request", Map.of("escalationKey", ESCALATION_KEY));
    assertThat((Map<String, Object>) escalation.variables().get("escalation")).containsEntry("mechanism", "ESCALATION");
    // identity is not yet known when the case is escalated on admission, so the police are not yet named
    assertThat((List<Object>) escalation.variables().get("jointAgencies")).containsExactly("human-resources");
    job("relief.biometric-comparison", Map.of("identityFound", false));
    job("relief.working-day-deadline", Map.of("dueDate", "2099-01-01T09:00:00+08:00"));
    complete("UserTask_tracingNotice", Map.of("noticeText", "男性，25岁，自称务工不着，无法提供家庭住址，请家属联系本站。",
        "noticeChannels", List.of("ONLINE_MEDIA")));
    job("relief.tracing-notice", Map.of());
    complete("UserTask_dnaRequest", Map.of("policeStation", "金水区公安分局", "dnaRequestDate", "2026-12-01"));
    job("relief.dna-request", Map.of());
    awaitRecord(r -> r.valueType() == ValueType.PROCESS_INSTANCE
        && ((ProcessInstanceRecord) r.value()).elementId().equals("ReceiveTask_awaitIdentity")
        && r.intent().equals("ELEMENT_ACTIVATED"));
    engine.publishMessage(new PublishMessage("relief-identity-found", "HA-2026-0008", Duration.ZERO, null,
        Map.of("identityFound", true, "fullName", "李四"), TENANT)).get(5, TimeUnit.SECONDS);
    // the care ends when the regional centre has reported back as well
    assertThat(escalation.variables()).containsEntry("escalatedStep", "CROSS_PROVINCE_ESCORT");
    publish("relief-escalation-outcome", ESCALATION_KEY, Map.of("escalationOutcome", "HANDLED",
        "escalationReport", "中心已协调人社部门追讨欠薪"));
    complete("UserTask_departure", Map.of("departureKind", "ESCORT", "departureDate", "2026-12-20",
        "destination", "贵州省遵义市"));
    ActivatedJob escort = job("relief.escort-request", Map.of());
    assertThat(escort.variables()).containsEntry("crossProvinceEscort", true);
    assertThat(passed()).contains("EndEvent_identified", "CallActivity_familyTracing", "ReceiveTask_escalationOutcome");
    assertNoIncidents();
  }

  @Test
  void anEscortWithoutTheCollectorsIdGoesBackToDepartureAndThenHome() throws Exception {
    start();
    complete("UserTask_intake", Map.of("intakeChannel", "SELF_REFERRAL", "province", "广东省"));
    complete("UserTask_doorScreening", Map.of());
    complete("UserTask_registration", registration(45, "VAGRANCY_OR_BEGGING"));
    complete("UserTask_securityCheck", Map.of("belongings", "无"));
    job("relief.national-registration", Map.of("caseNumber", "GD-2026-0009"));
    complete("UserTask_needsAssessment", Map.of("accommodationArea", "MALE_AREA"));
    job("relief.care-arrangement", Map.of());
    job("relief.biometric-comparison", Map.of("identityFound", true));

    // the relative who collects is named, but the ID was not checked: the escort worker refuses
    complete("UserTask_departure", Map.of("departureKind", "ESCORT", "departureDate", "2026-12-05",
        "destination", "江西省赣州市", "collectorName", "张大"));
    ActivatedJob refused = throwError("relief.escort-request", "COLLECTOR_REQUIRED",
        "Collector 张大 has no ID number recorded: it must be checked and copied");
    assertThat(refused.variables()).containsEntry("collectorName", "张大");

    // back at the departure: the caseworker records the collector's ID, and the escort is asked for again
    complete("UserTask_departure", Map.of("departureKind", "ESCORT", "departureDate", "2026-12-05",
        "destination", "江西省赣州市", "collectorName", "张大", "collectorIdNumber", "11010519491231002X"));
    ActivatedJob escort = job("relief.escort-request", Map.of());
    assertThat(escort.variables()).containsEntry("collectorIdNumber", "11010519491231002X");
    complete("UserTask_closure", Map.of("recordsComplete", true), "station-head");
    job("relief.case-archive", Map.of());
    awaitCompleted("relief-case");
    assertThat(passed()).contains("BoundaryEvent_collectorRequired", "EndEvent_closed");
  }

  @Test
  void relativesRefuseAndTheRegionalCentreEscortsThePersonAcrossProvinces() throws Exception {
    arriveIdentified("SC-2026-0011", 12);
    complete("UserTask_departure", Map.of("departureKind", "CROSS_PROVINCE_ESCORT", "relativesRefused", true,
        "departureDate", "2026-12-05", "destination", "四川省凉山州"));
    ActivatedJob request = job("relief.escalation-request", Map.of("escalationKey", ESCALATION_KEY));
    assertThat(request.variables()).containsEntry("escalatedStep", "CROSS_PROVINCE_ESCORT")
        .containsEntry("relativesRefused", true).containsEntry("destination", "四川省凉山州");
    assertThat((Map<String, Object>) request.variables().get("escalation"))
        .containsEntry("escalateTo", "regional-centre").containsEntry("mechanism", "ESCALATION");
    publish("relief-escalation-outcome", ESCALATION_KEY, Map.of("escalationOutcome", "ESCORTED",
        "escalationReport", "已在省界交接点交四川省民政厅", "handoverDocumentId", "doc-1"));
    complete("UserTask_closure", Map.of("recordsComplete", true), "station-head");
    job("relief.case-archive", Map.of());
    awaitCompleted("relief-case");
    assertThat(passed()).contains("ReceiveTask_escortOutcome", "Gateway_escortOutcome")
        .doesNotContain("ServiceTask_escortByStation", "ServiceTask_escort");
  }

  @Test
  void anUnidentifiedPersonWhoDiesIsClosedOnlyAfterThePublicNoticePeriod() throws Exception {
    arriveIdentified("GD-2026-0012", 70);
    complete("UserTask_departure", Map.of("departureKind", "DEATH", "departureDate", "2026-12-03",
        "departureNote", "突发心脏疾病，经医院抢救无效死亡"));
    // the person's identity was never confirmed by the comparison in this case
    job("relief.death-registration", Map.of("deathReportNo", "P-1"));
    Record timer = awaitRecord(r -> r.valueType() == ValueType.TIMER && r.intent().equals("CREATED")
        && ((cn.relief.engine.record.TimerRecord) r.value()).targetElementId().equals("TimerEvent_deathNotice"));
    long due = ((cn.relief.engine.record.TimerRecord) timer.value()).dueDate();
    assertThat(due - timer.timestamp()).isEqualTo(Duration.ofDays(7).toMillis());
    advanceClock(Duration.ofDays(8));
    complete("UserTask_closure", Map.of("recordsComplete", true), "station-head");
    job("relief.case-archive", Map.of());
    awaitCompleted("relief-case");
  }

  @Test
  void aProvinceRowThatPolicyStaffAddBeforeTheNationalDefaultGovernsTheNewCasesOfThatProvince() throws Exception {
    // policy staff copy the default row, name their province and change two limits (values for the test only)
    String table = new String(Models.dmn().get("time-limits.dmn"), java.nio.charset.StandardCharsets.UTF_8);
    int from = table.indexOf("      <rule id=\"time_limits_rule1\">");
    int to = table.indexOf("</rule>", from) + "</rule>\n".length();
    String provinceRow = table.substring(from, to).replace("time_limits_r1_", "time_limits_r0_")
        .replace("time_limits_rule1", "time_limits_rule0")
        .replaceFirst("<inputEntry id=\"time_limits_r0_i1\"><text>-</text>",
            "<inputEntry id=\"time_limits_r0_i1\"><text>\"测试省\"</text>")
        .replace("<text>\"P10D\"</text>", "<text>\"P7D\"</text>")
        .replaceFirst("(<outputEntry id=\"time_limits_r0_o6\"><text>)20(</text>)", "$130$2");
    engine.deploy(List.of(new cn.relief.engine.api.EngineApi.DeployResource("time-limits.dmn",
        (table.substring(0, from) + provinceRow + table.substring(from)).getBytes(java.nio.charset.StandardCharsets.UTF_8))),
        TENANT).get(30, TimeUnit.SECONDS);

    start();
    complete("UserTask_intake", Map.of("intakeChannel", "SELF_REFERRAL", "province", "测试省"));
    complete("UserTask_doorScreening", Map.of());
    complete("UserTask_registration", registration(45, "VAGRANCY_OR_BEGGING"));
    complete("UserTask_securityCheck", Map.of("belongings", "无", "fingerprintsTaken", true));
    job("relief.national-registration", Map.of("caseNumber", "CS-2026-0013"));
    complete("UserTask_needsAssessment", Map.of("accommodationArea", "MALE_AREA"));
    Record stayLimit = awaitRecord(r -> r.valueType() == ValueType.TIMER && r.intent().equals("CREATED")
        && ((cn.relief.engine.record.TimerRecord) r.value()).targetElementId().equals("BoundaryEvent_stayLimit"));
    assertThat(((cn.relief.engine.record.TimerRecord) stayLimit.value()).dueDate() - stayLimit.timestamp())
        .isEqualTo(Duration.ofDays(7).toMillis());
    job("relief.care-arrangement", Map.of());
    job("relief.biometric-comparison", Map.of("identityFound", true));
    complete("UserTask_departure", Map.of("departureKind", "RETURN_HOME", "departureDate", "2026-12-02",
        "destination", "湖南省长沙市", "cashAmount", 25));
    ActivatedJob ticket = job("relief.return-ticket", Map.of());
    assertThat(((Number) ticket.variables().get("returnFareCashCap")).intValue()).isEqualTo(30);
  }

  /** A case admitted and in care whose biometric comparison finds (or not) nobody, up to the departure task. */
  private void arriveIdentified(String caseNumber, int age) throws Exception {
    start();
    complete("UserTask_intake", Map.of("intakeChannel", "SELF_REFERRAL", "province", "广东省"));
    complete("UserTask_doorScreening", Map.of());
    Map<String, Object> registration = registration(age, "VAGRANCY_OR_BEGGING");
    if (age >= 60) {
      registration.remove("idNumber");
      registration.put("fullName", "无名氏");
    }
    complete("UserTask_registration", registration);
    complete("UserTask_securityCheck", Map.of("belongings", "无"));
    job("relief.national-registration", Map.of("caseNumber", caseNumber));
    if (age < 18 || age >= 60) {
      job("relief.linkage-referral", Map.of()); // minor protection; extremely-poor support
    }
    complete("UserTask_needsAssessment", Map.of("accommodationArea", age < 18 ? "MINOR_AREA" : "MALE_AREA"));
    job("relief.care-arrangement", Map.of());
    if (age < 18) {
      job("relief.escalation-request", Map.of("escalationKey", ESCALATION_KEY));
      publish("relief-escalation-outcome", ESCALATION_KEY, Map.of("escalationOutcome", "JOINT_DECISION"));
    }
    job("relief.biometric-comparison", Map.of("identityFound", age < 60));
    if (age >= 60) {
      job("relief.working-day-deadline", Map.of("dueDate", "2099-01-01T09:00:00+08:00"));
      complete("UserTask_tracingNotice", Map.of("noticeText", "男性，约70岁，身高165厘米，于本市火车站附近发现，请家属联系本站。",
          "noticeChannels", List.of("NATIONAL_TRACING_SITE")));
      job("relief.tracing-notice", Map.of());
      publish("relief-person-leaves", caseNumber, Map.of());
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static Map<String, Object> registration(int age, String cause) {
    Map<String, Object> values = new HashMap<>();
    values.put("fullName", "张三");
    values.put("idNumber", "11010519491231002X");
    values.put("gender", "MALE");
    values.put("age", age);
    values.put("cause", cause);
    values.put("canGiveInformation", true);
    values.put("refusesTrueInformation", false);
    values.put("canPayFoodAndLodging", false);
    values.put("hasSupport", false);
    values.put("onSubsistenceAllowance", false);
    values.put("livingByVagrancyOrBegging", true);
    values.put("hasDisability", false);
    return values;
  }

  private void start() throws Exception {
    start("relief-case", Map.of());
  }
}
