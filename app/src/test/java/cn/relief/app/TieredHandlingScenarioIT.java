package cn.relief.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cases that go up to the regional centre and back (提级办理, 协同会办, 下沉协助), then on to
 * resettlement and extremely-poor support: the station's case, the centre's processes and the
 * linkage processes run on one engine, joined only by messages on the case number.
 */
class TieredHandlingScenarioIT extends ScenarioSupport {

  @Autowired cn.relief.workers.deadlines.WorkingDayCalendar calendar;

  @Test
  void relativesRefuseAndTheRegionalCentreEscortsThePersonAcrossProvinces() throws Exception {
    long reliefCase = start("relief-case", Map.of());
    admitIdentified(reliefCase, registration(50, "VAGRANCY_OR_BEGGING"), Map.of("accommodationArea", "MALE_AREA"));
    complete(reliefCase, "UserTask_departure", Map.of("departureKind", "CROSS_PROVINCE_ESCORT", "relativesRefused", true,
        "departureDate", "2026-12-05", "destination", "湖南省长沙市"));
    String caseNumber = caseNumber(reliefCase);

    // the centre receives the step by message and hands the person over at the receiving province's point
    long centre = instanceOf("regional-escalation", caseNumber);
    complete(centre, "UserTask_centreAcceptance", Map.of("escalationAccepted", true, "acceptanceNote", "受理跨省护送"));
    long escort = instanceOf("cross-province-escort", caseNumber);
    complete(escort, "UserTask_escortPlan", Map.of("receivingProvince", "湖南省", "handoverPoint", "湖南省救助管理站（长沙）",
        "escortDate", "2026-12-05", "escortStaff", "王强、李敏", "vehicle", "粤A·J1234"));
    UserTask handover = awaitTask(escort, "UserTask_handover");
    assertThat(OffsetDateTime.parse(handover.getDueDate().toString()).toLocalDate().toString()).isEqualTo("2026-12-05");
    complete(escort, "UserTask_handover", Map.of("receivingAgency", "长沙市救助管理站", "handedOverTo", "赵六",
        "handoverDate", "2026-12-05", "receiptNo", "HN-JJ-0042"));

    // the station's case learns the outcome and is closed
    complete(reliefCase, "UserTask_closure", Map.of("recordsComplete", true));
    awaitState(reliefCase, ProcessInstanceState.COMPLETED);
    awaitState(centre, ProcessInstanceState.COMPLETED);
    Map<String, Object> variables = variables(reliefCase);
    assertThat(variables).containsEntry("escalationOutcome", "ESCORTED");
    assertThat(pdfText((String) variables.get("handoverDocumentId"))).contains("跨省护送交接单").contains("长沙");
    assertThat(passed(reliefCase)).contains("ServiceTask_escalationRequestEscort", "ReceiveTask_escortOutcome")
        .doesNotContain("ServiceTask_escort", "ServiceTask_escortByStation");
    assertThat(passed(escort)).contains("UserTask_escortPlan", "UserTask_handover");
  }

  @Test
  void aMinorWithAMedicalProblemIsHandledJointlyByPoliceHealthAndEducation() throws Exception {
    long reliefCase = start("relief-case", Map.of());
    Map<String, Object> minor = registration(13, "VAGRANCY_OR_BEGGING");
    admitIdentified(reliefCase, minor, Map.of("accommodationArea", "MINOR_AREA", "medicalComplex", true));
    String caseNumber = caseNumber(reliefCase);

    long centre = instanceOf("regional-escalation", caseNumber);
    complete(centre, "UserTask_centreAcceptance", Map.of("escalationAccepted", true,
        "acceptanceNote", "受理，由区域性中心牵头协同会办"));
    long joint = instanceOf("joint-handling", caseNumber);
    List<UserTask> opinions = Awaitility.await("agency opinions").atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(joint)
            .elementId("UserTask_agencyOpinion").state(UserTaskState.CREATED)).send().join().items(),
            tasks -> tasks.size() == 4);
    assertThat(opinions).flatMap(UserTask::getCandidateGroups)
        .containsExactlyInAnyOrder("police", "health", "education", "womens-federation");
    for (UserTask opinion : opinions) {
      client.newCompleteUserTaskCommand(opinion.getUserTaskKey()).variables(Map.of(
          "agencyOpinion", "同意协同办理（" + opinion.getCandidateGroups().get(0) + "）",
          "agencyMeasures", "按职责落实")).send().join();
    }
    complete(joint, "UserTask_jointDecision", Map.of("jointDecision", "先行医疗救治，出院后临时就学，公安继续核查监护情况",
        "jointDecisionCode", "TEMPORARY_GUARDIANSHIP"));

    // the joint decision comes back to the station's case, which then goes on to its departure
    awaitTask(reliefCase, "UserTask_departure");
    Map<String, Object> variables = variables(reliefCase);
    assertThat(variables).containsEntry("escalationOutcome", "JOINT_DECISION")
        .containsEntry("jointDecision", "先行医疗救治，出院后临时就学，公安继续核查监护情况");
    assertThat(pdfText((String) variables.get("jointDecisionDocumentId"))).contains("协同会办纪要").contains("公安");
    assertThat(passed(reliefCase)).contains("ServiceTask_escalationRequest", "ReceiveTask_escalationOutcome");
    assertThat((List<Object>) variables(centre).get("jointAgencies"))
        .containsExactlyInAnyOrder("police", "health", "education", "womens-federation");
    client.newCancelInstanceCommand(reliefCase).send().join();
  }

  @Test
  void anUnidentifiedAdultIsStrandedAssistedResettledAndLinkedToExtremelyPoorSupport() throws Exception {
    long reliefCase = start("relief-case", Map.of());
    complete(reliefCase, "UserTask_intake", Map.of("intakeChannel", "POLICE_ESCORT", "policeHandoverFormNo", "JH-2026-77",
        "province", "湖北省"));
    complete(reliefCase, "UserTask_doorScreening", Map.of());
    Map<String, Object> registration = registration(35, "VAGRANCY_OR_BEGGING");
    registration.remove("idNumber");
    registration.put("fullName", "无名氏");
    registration.put("canGiveInformation", false);
    complete(reliefCase, "UserTask_registration", registration);
    complete(reliefCase, "UserTask_securityCheck", Map.of("belongings", "无"));
    complete(reliefCase, "UserTask_needsAssessment", Map.of("accommodationArea", "MALE_AREA"));
    String caseNumber = caseNumber(reliefCase);

    // family tracing: the notice within 24 hours, the DNA request within 7 working days (due dates on the tasks)
    long tracing = instanceOf("family-tracing", caseNumber);
    UserTask notice = awaitTask(tracing, "UserTask_tracingNotice");
    assertThat(Duration.between(OffsetDateTime.now(), OffsetDateTime.parse(notice.getDueDate().toString())))
        .isBetween(Duration.ofHours(23), Duration.ofHours(24));
    complete(tracing, "UserTask_tracingNotice", Map.of("noticeText", "男性，约35岁，由公安机关护送至本站，不能说明个人情况，请家属联系。",
        "noticeChannels", List.of("NATIONAL_TRACING_SITE")));
    UserTask dna = awaitTask(tracing, "UserTask_dnaRequest");
    assertThat(dueDay(dna)).isEqualTo(calendar.dueDate(java.time.Instant.now(), 7).toLocalDate());
    complete(tracing, "UserTask_dnaRequest", Map.of("policeStation", "江岸区公安分局", "dnaRequestDate", "2026-12-01"));
    awaitActive(tracing, "ReceiveTask_awaitIdentity"); // the resettlement period runs from here

    // more than ten days: the extended stay is filed and the case goes up to the centre, which assists
    advanceClock(Duration.ofDays(11));
    complete(reliefCase, "UserTask_stayExtension", Map.of("daysInStation", 11, "extensionReason", "身份不明，正在寻亲",
        "extensionUntil", "2027-03-31", "filedWith", "武汉市民政局"));
    long centre = instanceOf("regional-escalation", caseNumber);
    complete(centre, "UserTask_centreAcceptance", Map.of("escalationAccepted", true, "acceptanceNote", "派寻亲专家下沉协助"));
    long assistance = instanceOf("downward-assistance", caseNumber);
    complete(assistance, "UserTask_assistancePlan", Map.of("assistanceKinds", List.of("STAFF", "TRACING_EXPERT"),
        "assistanceStaff", "王五、赵六", "assistancePlan", "协助人像比对和方言辨识"));
    UserTask report = awaitTask(assistance, "UserTask_assistanceReport");
    // five days (downwardAssistanceWithin) from the engine's clock, which stands eleven days ahead
    assertThat(Duration.between(OffsetDateTime.now(), OffsetDateTime.parse(report.getDueDate().toString())))
        .isBetween(Duration.ofDays(16).minusMinutes(5), Duration.ofDays(16));
    complete(assistance, "UserTask_assistanceReport", Map.of("assistanceReport", "经方言辨识，疑为湖南籍，已请当地民政协查"));
    awaitState(centre, ProcessInstanceState.COMPLETED);

    // more than three months and still unknown: placement in an institution with a collective hukou
    advanceClock(Duration.ofDays(100));
    awaitState(tracing, ProcessInstanceState.COMPLETED);
    complete(reliefCase, "UserTask_departure", Map.of("departureKind", "TRANSFER", "departureDate", "2027-03-10",
        "destination", "武汉市社会福利院"));
    long resettlement = instanceOf("resettlement", caseNumber);
    complete(resettlement, "UserTask_placementPlan", Map.of("institution", "武汉市社会福利院",
        "hukouAddress", "武汉市江岸区解放大道1号", "placementPlan", "安置于武汉市社会福利院，由院方照料，费用由特困供养金保障"));
    complete(resettlement, "UserTask_governmentApproval", Map.of("approvalDecision", "APPROVED",
        "approvalNo", "江政复〔2027〕12号"));
    complete(reliefCase, "UserTask_closure", Map.of("recordsComplete", true));
    awaitState(reliefCase, ProcessInstanceState.COMPLETED);
    awaitState(resettlement, ProcessInstanceState.COMPLETED);
    assertThat(variables(resettlement)).containsEntry("hukouRegistered", true).containsKey("hukouNumber")
        .containsKey("hukouDueDate");

    // the collective hukou opens extremely-poor support: the township investigates
    long support = instanceOf("extremely-poor-support", caseNumber);
    UserTask investigation = awaitTask(support, "UserTask_investigation");
    assertThat(dueDay(investigation)).isEqualTo(calendar.dueDate(java.time.Instant.now(), 15).toLocalDate());
    assertThat(variables(support)).containsEntry("hukouRegistered", true);
    assertThat(passed(reliefCase)).contains("ServiceTask_escalationRequestStranded", "ReceiveTask_strandedOutcome",
        "ServiceTask_transfer", "ServiceTask_resettlementRequest");
    assertThat(passed(tracing)).contains("EndEvent_resettlement");
    client.newCancelInstanceCommand(support).send().join();
  }

  /** Intake to needs assessment for a person whose fingerprints identify them at once. */
  private void admitIdentified(long reliefCase, Map<String, Object> registration, Map<String, Object> assessment) {
    complete(reliefCase, "UserTask_intake", Map.of("intakeChannel", "SELF_REFERRAL", "province", "广东省"));
    complete(reliefCase, "UserTask_doorScreening", Map.of());
    complete(reliefCase, "UserTask_registration", registration);
    complete(reliefCase, "UserTask_securityCheck", Map.of("belongings", "背包一个", "fingerprintsTaken", true,
        "photoTaken", true));
    complete(reliefCase, "UserTask_needsAssessment", assessment);
  }

  /** The task's due day in China Standard Time, as the working-day calendar counts it. */
  private static java.time.LocalDate dueDay(UserTask task) {
    return OffsetDateTime.parse(task.getDueDate().toString()).atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai"))
        .toLocalDate();
  }

}
