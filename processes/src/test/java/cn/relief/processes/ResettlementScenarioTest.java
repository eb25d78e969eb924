package cn.relief.processes;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.api.EngineApi.ActivatedJob;
import cn.relief.engine.record.TimerRecord;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 落户安置: started by the case's message, a placement plan approved by the government, the collective
 * hukou within the province's working days (reminder when late), then the referral to
 * extremely-poor support.
 */
@SuppressWarnings("unchecked")
class ResettlementScenarioTest extends CentreScenarioTest {

  private static final String CASE_NUMBER = "JZ-HB-00000107";

  private void requestResettlement() throws Exception {
    publish("relief-resettlement-requested", CASE_NUMBER, Map.of("caseNumber", CASE_NUMBER, "province", "湖北省",
        "fullName", "无名氏", "age", 35, "gender", "MALE", "destination", "武汉市社会福利院"));
    awaitInstance("resettlement");
    // the institution the case named is the plan's first proposal
    awaitRecord(r -> r.valueType() == cn.relief.engine.record.ValueType.USER_TASK && r.intent().equals("CREATED")
        && ((cn.relief.engine.record.UserTaskRecord) r.value()).elementId().equals("UserTask_placementPlan"));
    assertThat(variable(instance, "institution")).isEqualTo("武汉市社会福利院");
  }

  private void plan() throws Exception {
    complete("UserTask_placementPlan", Map.of("institution", "武汉市社会福利院", "hukouAddress", "武汉市江岸区解放大道1号",
        "placementPlan", "安置于武汉市社会福利院，由院方照料，费用由特困供养金保障"), "station-head");
  }

  @Test
  void anApprovedPlanLeadsToACollectiveHukouAndExtremelyPoorSupport() throws Exception {
    requestResettlement();
    plan();
    complete("UserTask_governmentApproval", Map.of("approvalDecision", "APPROVED", "approvalNo", "江政复〔2027〕12号"),
        "station-head");

    // the working-day worker gives the due date of the province's 20 working days
    String dueDate = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(2).truncatedTo(ChronoUnit.SECONDS)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    ActivatedJob deadline = job("relief.working-day-deadline", Map.of("dueDate", dueDate));
    assertThat(((Number) deadline.variables().get("workingDays")).intValue()).isEqualTo(20);
    TimerRecord late = awaitTimer("BoundaryEvent_hukouLate");
    assertThat(late.dueDate()).isEqualTo(OffsetDateTime.parse(dueDate).toInstant().toEpochMilli());

    // the police have not registered by then: the station head is reminded, the registration goes on
    advanceClock(Duration.ofDays(3));
    ActivatedJob reminder = job("relief.deadline-reminder", Map.of("reminderNo", "TZ-000107"));
    assertThat((String) reminder.variables().get("subject")).contains("集体户口");
    ActivatedJob hukou = job("relief.collective-hukou", Map.of("hukouNumber", "JTHK-00000107", "hukouRegistered", true));
    assertThat(hukou.variables()).containsEntry("institution", "武汉市社会福利院")
        .containsEntry("hukouAddress", "武汉市江岸区解放大道1号").containsEntry("approvalNo", "江政复〔2027〕12号")
        .containsEntry("caseNumber", CASE_NUMBER);

    ActivatedJob linkage = job("relief.linkage-referral", Map.of("linkageReferrals",
        Map.of("EXTREMELY_POOR_SUPPORT", "TZ-000108")));
    assertThat((List<Object>) linkage.variables().get("linkages")).containsExactly("EXTREMELY_POOR_SUPPORT");
    assertThat(linkage.variables()).containsEntry("hukouRegistered", true).containsEntry("institution", "武汉市社会福利院")
        .containsEntry("hukouNumber", "JTHK-00000107").containsEntry("caseNumber", CASE_NUMBER)
        .containsEntry("province", "湖北省").containsEntry("fullName", "无名氏");

    awaitCompleted("resettlement");
    assertThat(passed()).contains("BusinessRuleTask_timeLimits", "BoundaryEvent_hukouLate", "EndEvent_hukouReminded",
        "EndEvent_resettled").doesNotContain("EndEvent_notApproved");
    assertThat(variable(instance, "hukouNumber")).isEqualTo("JTHK-00000107");
  }

  @Test
  void aPlanTheGovernmentDoesNotApproveEndsWithoutRegistration() throws Exception {
    requestResettlement();
    plan();
    complete("UserTask_governmentApproval", Map.of("approvalDecision", "REJECTED", "approvalNo", "江政复〔2027〕13号"),
        "station-head");
    awaitCompleted("resettlement");
    assertThat(passed()).contains("EndEvent_notApproved").doesNotContain("ServiceTask_collectiveHukou");
    assertThat(jobsCreated("relief.collective-hukou")).isZero();
  }
}
