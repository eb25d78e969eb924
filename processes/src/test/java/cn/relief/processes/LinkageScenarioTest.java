package cn.relief.processes;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.api.EngineApi.ActivatedJob;
import cn.relief.engine.record.ProcessInstanceRecord;
import cn.relief.engine.record.Record;
import cn.relief.engine.record.TimerRecord;
import cn.relief.engine.record.UserTaskRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.record.VariableRecord;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The linkage processes (衔接), each started as the linkage referral of relief-case starts it: by its
 * start message correlated on the case number, with the case's variables. Asserts the path taken,
 * the deadlines (user task due dates and timer due dates from the records) and the documents asked for.
 */
@SuppressWarnings("unchecked")
class LinkageScenarioTest extends ModelScenarioTest {

  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  // ---- minor protection ------------------------------------------------------------------------

  @Test
  void aMinorFoundBeggingIsTakenIntoTemporaryGuardianshipReportedAndReturnedToTheGuardian() throws Exception {
    startLinkage("relief-linkage-minor-protection", "minor-protection", "JZ-GD-00000101",
        person(10, "MALE", "VAGRANCY_OR_BEGGING"));
    ActivatedJob guardianship = job("relief.temporary-guardianship", Map.of("guardianshipNo", "LSJH-000001"));
    assertThat(guardianship.variables()).containsEntry("caseNumber", "JZ-GD-00000101").containsEntry("age", 10)
        .containsEntry("referralNo", "TZ-000001");
    assertThat(variable("minorConfidential")).isEqualTo("true");

    complete("UserTask_harmCheck", Map.of("harmSuspected", true, "harmDescription", "身上多处淤青，疑被他人组织乞讨"));
    ActivatedJob report = job("relief.police-report", Map.of("policeReportNo", "TZ-000002"));
    assertThat(report.variables()).containsEntry("reportGround", "MINOR_HARM").containsEntry("confidential", true)
        .containsEntry("description", "身上多处淤青，疑被他人组织乞讨");

    Record assessment = userTaskCreated("UserTask_assessment");
    Record reported = awaitRecord(r -> r.valueType() == ValueType.PROCESS_INSTANCE
        && r.intent().equals("ELEMENT_COMPLETED") && elementId(r).equals("ServiceTask_policeReport"));
    assertThat(reported.position()).as("the police report comes before the assessment")
        .isLessThan(assessment.position());
    assertDue(OffsetDateTime.parse(((UserTaskRecord) assessment.value()).dueDate()),
        assessment.timestamp(), Duration.ofDays(30));
    assertTimerDue("BoundaryEvent_assessmentLate", Duration.ofDays(30));

    complete("UserTask_assessment", Map.of("placement", "RETURN_TO_GUARDIAN",
        "assessmentNote", "父亲已到站，经核实具备监护条件，承诺送其返校"));
    complete("UserTask_handover", Map.of("guardianName", "张某", "guardianIdNumber", "11010519800101123X",
        "handoverDate", "2026-12-20"));
    ActivatedJob outcome = job("relief.linkage-outcome", Map.of("linkageOutcomeNo", "TZ-000003"));
    assertThat(outcome.variables()).containsEntry("linkage", "MINOR_PROTECTION")
        .containsEntry("outcome", "RETURN_TO_GUARDIAN");
    assertThat((Map<String, Object>) outcome.variables().get("details")).containsEntry("minorConfidential", true)
        .containsEntry("guardianshipNo", "LSJH-000001").containsEntry("policeReportNo", "TZ-000002")
        .doesNotContainKeys("fullName", "idNumber");
    awaitCompleted("minor-protection");
    assertThat(passed()).contains("ServiceTask_temporaryGuardianship", "ServiceTask_policeReport",
        "UserTask_handover", "ServiceTask_outcome").doesNotContain("UserTask_revocationApplication");
  }

  @Test
  void aMinorWhoseGuardianHarmedThemStaysInLongTermGuardianshipAndTheCourtIsAsked() throws Exception {
    startLinkage("relief-linkage-minor-protection", "minor-protection", "JZ-GD-00000102",
        person(8, "FEMALE", "VAGRANCY_OR_BEGGING"));
    job("relief.temporary-guardianship", Map.of("guardianshipNo", "LSJH-000002"));
    complete("UserTask_harmCheck", Map.of("harmSuspected", false));
    complete("UserTask_assessment", Map.of("placement", "LONG_TERM_GUARDIANSHIP", "revokeGuardianship", true,
        "assessmentNote", "监护人长期组织其乞讨，不具备监护条件"));
    complete("UserTask_revocationApplication", Map.of("court", "某区人民法院",
        "revocationGrounds", "监护人多次组织未成年人乞讨，严重损害其身心健康"), "station-head");
    ActivatedJob filing = job("relief.guardianship-revocation", Map.of("revocationApplicationNo", "CXJH-000001"));
    assertThat(filing.variables()).containsEntry("court", "某区人民法院").containsEntry("guardianshipNo", "LSJH-000002");
    job("relief.linkage-outcome", Map.of("linkageOutcomeNo", "TZ-000004"));
    awaitCompleted("minor-protection");
    assertThat(passed()).contains("ServiceTask_revocationFiling").doesNotContain("ServiceTask_policeReport",
        "UserTask_handover");
  }

  @Test
  void anOrphanStaysInLongTermGuardianshipWithoutACourtApplication() throws Exception {
    startLinkage("relief-linkage-minor-protection", "minor-protection", "JZ-GD-00000103",
        person(9, "MALE", "VAGRANCY_OR_BEGGING"));
    job("relief.temporary-guardianship", Map.of("guardianshipNo", "LSJH-000003"));
    complete("UserTask_harmCheck", Map.of("harmSuspected", false));
    complete("UserTask_assessment", Map.of("placement", "LONG_TERM_GUARDIANSHIP",
        "assessmentNote", "父母均已死亡，无其他监护人"));
    ActivatedJob outcome = job("relief.linkage-outcome", Map.of("linkageOutcomeNo", "TZ-000005"));
    assertThat(outcome.variables()).containsEntry("outcome", "LONG_TERM_GUARDIANSHIP");
    awaitCompleted("minor-protection");
    assertThat(passed()).doesNotContain("UserTask_revocationApplication", "ServiceTask_revocationFiling");
  }

  // ---- domestic-violence shelter ---------------------------------------------------------------

  @Test
  void aVictimOfDomesticViolenceIsShelteredAndTheCourtGrantsAnUrgentProtectionOrder() throws Exception {
    startLinkage("relief-linkage-domestic-violence-shelter", "domestic-violence-shelter", "JZ-GX-00000201",
        person(32, "FEMALE", "DOMESTIC_VIOLENCE"));
    complete("UserTask_reception", Map.of("abuseDescription", "长期遭丈夫殴打，有医院伤情诊断", "lacksFullCapacity", false,
        "victimConsentsToReport", true, "accompanyingChildren", 1));
    ActivatedJob report = job("relief.police-report", Map.of("policeReportNo", "TZ-000011"));
    assertThat(report.variables()).containsEntry("reportGround", "DOMESTIC_VIOLENCE").containsEntry("mandatory", false);

    complete("UserTask_safetyAssessment", Map.of("riskLevel", "HIGH", "needs", "医疗、法律援助、子女照料",
        "servicePlan", "入住庇护点，联系法律援助，协助申请人身安全保护令", "shelterLocation", "某区庇护点甲",
        "applyProtectionOrder", true, "urgent", true, "respondentName", "王某", "court", "某区人民法院"));
    assertTimerDue("BoundaryEvent_stayLimit", Duration.ofDays(10));

    ActivatedJob document = job("relief.notice-pdf",
        Map.of("noticeDocumentId", "JZ-GX-00000201/ServiceTask_applicationDocument/protection_order_application.pdf"));
    assertThat(document.variables()).containsEntry("noticeKind", "PROTECTION_ORDER_APPLICATION");
    assertThat((String) document.variables().get("note")).contains("被申请人：王某").contains("24小时")
        .doesNotContain("庇护点甲");
    assertThat((String) document.variables().get("reason")).doesNotContain("庇护点甲");
    ActivatedJob application = job("relief.protection-order-application",
        Map.of("protectionOrderApplicationNo", "BHLSQ-000001"));
    assertThat(application.variables()).containsEntry("urgent", true).containsEntry("respondentName", "王某")
        .containsEntry("applicationDocumentId",
            "JZ-GX-00000201/ServiceTask_applicationDocument/protection_order_application.pdf");
    assertTimerDue("BoundaryEvent_rulingLate", Duration.ofHours(24));

    publish("relief-protection-order-ruled", "JZ-GX-00000201", Map.of("protectionOrderGranted", true,
        "protectionOrderNo", "BHL-000001", "protectionOrderValidUntil", "2027-06-01"));
    awaitRecord(r -> r.valueType() == ValueType.PROCESS_INSTANCE && r.intent().equals("ELEMENT_COMPLETED")
        && elementId(r).equals("ReceiveTask_ruling"));

    // the ten days pass while she is still in the shelter: the stay is filed with the higher department
    advanceClock(Duration.ofDays(11));
    complete("UserTask_shelterExtension", Map.of("extensionReason", "保护令刚生效，住所尚未落实",
        "extensionUntil", "2026-12-20", "filedWith", "某市民政局"), "station-head");
    ActivatedJob filing = job("relief.stay-extension-filing", Map.of("extensionFilingNo", "TZ-000012"));
    assertThat(filing.variables()).containsEntry("filedWith", "某市民政局");
    complete("UserTask_shelterStay", Map.of("leavingDate", "2026-12-18", "leavingArrangement", "RELATIVES",
        "leavingNote", "投靠姐姐"));
    ActivatedJob outcome = job("relief.linkage-outcome", Map.of("linkageOutcomeNo", "TZ-000013"));
    assertThat(outcome.variables()).containsEntry("outcome", "RELATIVES");
    assertThat((Map<String, Object>) outcome.variables().get("details"))
        .containsEntry("protectionOrderGranted", true).containsEntry("protectionOrderNo", "BHL-000001")
        .containsEntry("protectionOrderValidUntil", "2027-06-01").doesNotContainKey("shelterLocation")
        .doesNotContainValue("某区庇护点甲");
    awaitCompleted("domestic-violence-shelter");
    assertThat(passed()).contains("ServiceTask_policeReport", "BoundaryEvent_stayLimit", "ServiceTask_extensionFiling",
        "ReceiveTask_ruling").doesNotContain("ServiceTask_rulingReminder");
  }

  @Test
  void theCourtIsRemindedWhenItHasNotRuledWithinSeventyTwoHours() throws Exception {
    startLinkage("relief-linkage-domestic-violence-shelter", "domestic-violence-shelter", "JZ-GX-00000202",
        person(45, "FEMALE", "DOMESTIC_VIOLENCE"));
    complete("UserTask_reception", Map.of("abuseDescription", "丈夫酒后殴打，受害人有智力残疾",
        "lacksFullCapacity", true));
    ActivatedJob report = job("relief.police-report", Map.of("policeReportNo", "TZ-000014"));
    assertThat(report.variables()).as("mandatory report, 第14条").containsEntry("mandatory", true);
    complete("UserTask_safetyAssessment", Map.of("riskLevel", "MEDIUM", "needs", "医疗", "servicePlan", "入住庇护点，陪同就医",
        "shelterLocation", "某区庇护点乙", "applyProtectionOrder", true, "respondentName", "李某", "court", "某区人民法院"));
    ActivatedJob document = job("relief.notice-pdf", Map.of("noticeDocumentId", "JZ-GX-00000202/a.pdf"));
    assertThat((String) document.variables().get("note")).isEqualTo("被申请人：李某");
    ActivatedJob application = job("relief.protection-order-application",
        Map.of("protectionOrderApplicationNo", "BHLSQ-000002"));
    assertThat(application.variables()).containsEntry("urgent", false);
    assertTimerDue("BoundaryEvent_rulingLate", Duration.ofHours(72));

    advanceClock(Duration.ofHours(73));
    ActivatedJob reminder = job("relief.deadline-reminder", Map.of("reminderNo", "TZ-000015"));
    assertThat((String) reminder.variables().get("subject")).contains("第28条");
    publish("relief-protection-order-ruled", "JZ-GX-00000202", Map.of("protectionOrderGranted", false));
    complete("UserTask_shelterStay", Map.of("leavingDate", "2026-12-05", "leavingArrangement", "INSTITUTION"));
    ActivatedJob outcome = job("relief.linkage-outcome", Map.of("linkageOutcomeNo", "TZ-000016"));
    assertThat((Map<String, Object>) outcome.variables().get("details")).containsEntry("protectionOrderGranted", false);
    awaitCompleted("domestic-violence-shelter");
    assertThat(passed()).contains("BoundaryEvent_rulingLate", "ServiceTask_rulingReminder", "ReceiveTask_ruling")
        .doesNotContain("BoundaryEvent_stayLimit");
  }

  // ---- extremely-poor support ------------------------------------------------------------------

  @Test
  void anAdultIsPubliclyNotifiedForSevenDaysThenConfirmedWithBenefitsFromTheNextMonth() throws Exception {
    startLinkage("relief-linkage-extremely-poor-support", "extremely-poor-support", "JZ-SC-00000301",
        person(72, "MALE", "WANDERING_PRONE"));
    ActivatedJob investigationDeadline = job("relief.working-day-deadline",
        Map.of("dueDate", "2099-01-20T00:00:00+08:00"));
    assertThat(((Number) investigationDeadline.variables().get("workingDays")).intValue()).isEqualTo(15);
    assertThat(OffsetDateTime.parse(((UserTaskRecord) userTaskCreated("UserTask_investigation").value()).dueDate()))
        .isEqualTo(OffsetDateTime.parse("2099-01-20T00:00:00+08:00"));
    complete("UserTask_investigation", Map.of("meetsConditions", true,
        "investigationNote", "年老无劳动能力，无收入，无法定赡养人"));

    ActivatedJob notice = job("relief.notice-pdf",
        Map.of("noticeDocumentId", "JZ-SC-00000301/ServiceTask_publicNotice/poor_support_public_notice.pdf"));
    assertThat(notice.variables()).containsEntry("noticeKind", "POOR_SUPPORT_PUBLIC_NOTICE")
        .containsEntry("fullName", "测试人").containsEntry("reason", "年老无劳动能力，无收入，无法定赡养人");
    assertTimerDue("IntermediateCatchEvent_noticePeriod", Duration.ofDays(7));
    Thread.sleep(200);
    assertThat(passed()).as("no confirmation during the public notice").doesNotContain("IntermediateCatchEvent_noticePeriod");

    advanceClock(Duration.ofDays(8));
    ActivatedJob confirmationDeadline = job("relief.working-day-deadline",
        Map.of("dueDate", "2099-02-10T00:00:00+08:00"));
    assertThat(((Number) confirmationDeadline.variables().get("workingDays")).intValue()).isEqualTo(10);
    assertThat(OffsetDateTime.parse(((UserTaskRecord) userTaskCreated("UserTask_countyConfirmation").value()).dueDate()))
        .isEqualTo(OffsetDateTime.parse("2099-02-10T00:00:00+08:00"));
    complete("UserTask_countyConfirmation", Map.of("confirmed", true, "confirmationDate", "2026-12-15",
        "supportMode", "CENTRALISED", "confirmationNote", "同意认定，集中供养"), "station-head");
    ActivatedJob outcome = job("relief.linkage-outcome", Map.of("linkageOutcomeNo", "TZ-000021"));
    assertThat(outcome.variables()).containsEntry("outcome", "CONFIRMED");
    assertThat((Map<String, Object>) outcome.variables().get("details")).containsEntry("benefitsFrom", "2027-01-01")
        .containsEntry("supportMode", "CENTRALISED");
    assertThat(variable("benefitsFrom")).isEqualTo("\"2027-01-01\"");
    awaitCompleted("extremely-poor-support");
    assertThat(passed()).contains("ServiceTask_publicNotice", "IntermediateCatchEvent_noticePeriod",
        "ScriptTask_benefitsFrom");
  }

  @Test
  void aMinorIsConfirmedWithoutAPublicNotice() throws Exception {
    startLinkage("relief-linkage-extremely-poor-support", "extremely-poor-support", "JZ-SC-00000302",
        person(12, "FEMALE", "VAGRANCY_OR_BEGGING"));
    job("relief.working-day-deadline", Map.of("dueDate", "2099-01-20T00:00:00+08:00"));
    complete("UserTask_investigation", Map.of("meetsConditions", true, "investigationNote", "父母双亡，无其他抚养人"));
    ActivatedJob confirmationDeadline = job("relief.working-day-deadline",
        Map.of("dueDate", "2099-02-10T00:00:00+08:00"));
    assertThat(((Number) confirmationDeadline.variables().get("workingDays")).intValue()).isEqualTo(10);
    complete("UserTask_countyConfirmation", Map.of("confirmed", true, "confirmationDate", "2027-02-10",
        "supportMode", "DISPERSED", "confirmationNote", "同意认定"), "station-head");
    ActivatedJob outcome = job("relief.linkage-outcome", Map.of("linkageOutcomeNo", "TZ-000022"));
    assertThat((Map<String, Object>) outcome.variables().get("details")).containsEntry("benefitsFrom", "2027-03-01");
    awaitCompleted("extremely-poor-support");
    assertThat(passed()).doesNotContain("ServiceTask_publicNotice", "IntermediateCatchEvent_noticePeriod");
    assertThat(records).noneMatch(r -> r.valueType() == ValueType.TIMER
        && ((TimerRecord) r.value()).targetElementId().equals("IntermediateCatchEvent_noticePeriod"));
  }

  // ---- temporary assistance --------------------------------------------------------------------

  @Test
  void anUrgentCaseIsAidedFirstAndThePaperworkFollowsWithinTheWorkingDays() throws Exception {
    startLinkage("relief-linkage-temporary-assistance", "temporary-assistance", "JZ-ZJ-00000401",
        person(38, "MALE", "STRANDED_MIGRANT_WORKER"));
    complete("UserTask_application", Map.of("difficulty", "务工不着，身无分文，无法返乡", "urgent", true));
    complete("UserTask_urgentAid", Map.of("assistanceAmount", 500, "assistanceKind", "CASH"));
    ActivatedJob payment = job("relief.assistance-payment", Map.of("paymentNo", "TZ-000031"));
    assertThat(payment.variables()).containsEntry("urgent", true).containsEntry("assistanceKind", "CASH")
        .containsEntry("reason", "务工不着，身无分文，无法返乡");
    assertThat(((Number) payment.variables().get("assistanceAmount")).intValue()).isEqualTo(500);

    ActivatedJob deadline = job("relief.working-day-deadline", Map.of("dueDate", "2099-01-15T00:00:00+08:00"));
    assertThat(((Number) deadline.variables().get("workingDays")).intValue()).isEqualTo(10);
    Record paperwork = userTaskCreated("UserTask_paperwork");
    assertThat(OffsetDateTime.parse(((UserTaskRecord) paperwork.value()).dueDate()))
        .isEqualTo(OffsetDateTime.parse("2099-01-15T00:00:00+08:00"));
    assertThat(timer("BoundaryEvent_paperworkLate").dueDate())
        .isEqualTo(OffsetDateTime.parse("2099-01-15T00:00:00+08:00").toInstant().toEpochMilli());

    complete("UserTask_paperwork", Map.of("applicationFiled", true, "paperworkNote", "已补交书面申请，站长审批同意"));
    ActivatedJob outcome = job("relief.linkage-outcome", Map.of("linkageOutcomeNo", "TZ-000032"));
    assertThat(outcome.variables()).containsEntry("outcome", "URGENT_AID_GIVEN");
    awaitCompleted("temporary-assistance");
    assertThat(passed()).contains("UserTask_urgentAid", "ServiceTask_urgentPayment", "UserTask_paperwork")
        .doesNotContain("UserTask_review", "UserTask_countyApproval", "ServiceTask_paperworkReminder");
  }

  @Test
  void aNormalApplicationIsReviewedNotifiedApprovedThenPaid() throws Exception {
    startLinkage("relief-linkage-temporary-assistance", "temporary-assistance", "JZ-ZJ-00000402",
        person(45, "FEMALE", "DISASTER_OR_ACCIDENT"));
    complete("UserTask_application", Map.of("difficulty", "房屋因洪水损毁，暂无住所"));
    complete("UserTask_review", Map.of("reviewPassed", true, "reviewNote", "经入户调查，家庭财产受灾损失严重"));
    complete("UserTask_publicNotice", Map.of("noticeFrom", "2026-12-01", "objections", "无"));
    complete("UserTask_countyApproval", Map.of("approved", true, "assistanceAmount", 2000, "assistanceKind", "GOODS",
        "approvalNote", "同意给予实物救助"), "station-head");
    ActivatedJob payment = job("relief.assistance-payment", Map.of("paymentNo", "TZ-000033"));
    assertThat(payment.variables()).containsEntry("urgent", false).containsEntry("assistanceKind", "GOODS");
    ActivatedJob outcome = job("relief.linkage-outcome", Map.of("linkageOutcomeNo", "TZ-000034"));
    assertThat(outcome.variables()).containsEntry("outcome", "GRANTED");
    awaitCompleted("temporary-assistance");
    assertThat(passed()).contains("UserTask_review", "UserTask_publicNotice", "ServiceTask_payment")
        .doesNotContain("UserTask_urgentAid");
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static Map<String, Object> person(int age, String gender, String cause) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("province", "广东省");
    variables.put("fullName", "测试人");
    variables.put("age", age);
    variables.put("gender", gender);
    variables.put("cause", cause);
    variables.put("hasDisability", false);
    variables.put("hasSupport", false);
    variables.put("referralNo", "TZ-000001");
    return variables;
  }

  /** Publishes the start message as the linkage referral does, and takes the instance it started. */
  private void startLinkage(String message, String processId, String caseNumber, Map<String, Object> variables)
      throws Exception {
    Map<String, Object> withCase = new HashMap<>(variables);
    withCase.put("caseNumber", caseNumber);
    publish(message, caseNumber, withCase);
    instance = awaitRecord(r -> r.valueType() == ValueType.PROCESS_INSTANCE && r.intent().equals("ELEMENT_ACTIVATED")
        && elementId(r).equals(processId)).key();
  }

  private static String elementId(Record record) {
    return ((ProcessInstanceRecord) record.value()).elementId();
  }

  private Record userTaskCreated(String elementId) throws InterruptedException {
    return awaitRecord(r -> r.valueType() == ValueType.USER_TASK && r.intent().equals("CREATED")
        && ((UserTaskRecord) r.value()).elementId().equals(elementId));
  }

  private TimerRecord timer(String elementId) throws InterruptedException {
    return (TimerRecord) awaitRecord(r -> r.valueType() == ValueType.TIMER && r.intent().equals("CREATED")
        && ((TimerRecord) r.value()).targetElementId().equals(elementId)).value();
  }

  /** The timer was created due the duration after it was created (FEEL durations from time-limits). */
  private void assertTimerDue(String elementId, Duration after) throws InterruptedException {
    Record created = awaitRecord(r -> r.valueType() == ValueType.TIMER && r.intent().equals("CREATED")
        && ((TimerRecord) r.value()).targetElementId().equals(elementId));
    assertThat(((TimerRecord) created.value()).dueDate()).as(elementId + " due")
        .isEqualTo(created.timestamp() + after.toMillis());
  }

  private static void assertDue(OffsetDateTime due, long createdAt, Duration after) {
    assertThat(Math.abs(due.toInstant().toEpochMilli() - (createdAt + after.toMillis())))
        .as("due %s, %s after the task was created", due, after).isLessThan(CLOCK_SKEW.toMillis());
  }

  /** The latest value (JSON) of a variable of the instance. */
  private String variable(String name) throws InterruptedException {
    awaitRecord(r -> r.valueType() == ValueType.VARIABLE && ((VariableRecord) r.value()).name().equals(name)
        && ((VariableRecord) r.value()).processInstanceKey() == instance);
    String value = null;
    for (Record record : records) {
      if (record.valueType() == ValueType.VARIABLE && ((VariableRecord) record.value()).name().equals(name)
          && ((VariableRecord) record.value()).processInstanceKey() == instance) {
        value = ((VariableRecord) record.value()).value();
      }
    }
    return value;
  }
}
