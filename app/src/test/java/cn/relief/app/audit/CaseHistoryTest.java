package cn.relief.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.cases.CaseAccess;
import cn.relief.app.cases.PersonalData;
import cn.relief.app.security.EngineUser;
import cn.relief.app.security.ReliefRole;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The timeline, the variable history and the who-did-what log, built from sample audit entries. */
class CaseHistoryTest {
  private static final long INSTANCE = 2251799813685249L;
  private static final long INTAKE = 2251799813685260L;
  private static final long INTAKE_TASK = 2251799813685261L;
  private static final long REGISTRATION = 2251799813685270L;
  private static final long REGISTRATION_TASK = 2251799813685271L;
  private static final long ID_CHECK_LISTENER_JOB = 2251799813685272L;
  private static final long NATIONAL = 2251799813685280L;
  private static final long NATIONAL_JOB = 2251799813685281L;
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-30T01:00:00Z");

  private final Origins origins = origins();

  @Test
  void theTimelineIsInTimeOrderWithWhoCompletedEachStepFromTheTrailNotTheTaskListenersWorker() {
    List<TimelineStep> steps = List.of(
        element(NATIONAL, "ServiceTask_nationalRegistration", "全国救助系统登记", 30, 31, null),
        element(INTAKE, "UserTask_intake", "接待", 1, 5, null),
        element(REGISTRATION, "UserTask_registration", "登记", 10, 20, "wang.head"),
        new TimelineStep(T0.plusMinutes(25), null, TimelineStep.Kind.INCIDENT, "救助案件", INSTANCE,
            "ServiceTask_nationalRegistration", "JOB_NO_RETRIES", null, "RESOLVED", null, "系统繁忙", null));

    List<TimelineStep> timeline = Timeline.build(steps, entries(), origins);

    assertThat(timeline).extracting(TimelineStep::elementId).containsExactly("UserTask_intake",
        "UserTask_registration", "ServiceTask_nationalRegistration", "ServiceTask_nationalRegistration");
    assertThat(timeline).extracting(TimelineStep::who)
        .containsExactly("li.caseworker", "li.caseworker", null, "relief-workers");
    assertThat(timeline.get(0).atText()).isEqualTo("2026-11-30 09:01:00"); // China Standard Time
  }

  @Test
  void theVariableHistoryHasEveryValueACommandBroughtMaskedForAnAuditor() {
    PersonalData personalData = new PersonalData(new CaseAccess("org-regional-huanan"));
    EngineUser auditor = new EngineUser("sun.auditor", "孙审计", List.of(ReliefRole.AUDITOR), "org-city-guangzhou",
        "广州市救助管理站");
    var scope = new CaseAccess("org-regional-huanan").scope("org-station-tianhe", false);

    List<VariableChange> history = VariableHistory.build(entries(), origins,
        values -> personalData.visibleTo(auditor, scope, values));

    assertThat(history).extracting(VariableChange::name).containsExactly("stationId", "intakeChannel", "province",
        "fullName", "idNumber", "nationalCaseNumber");
    assertThat(history).filteredOn(c -> c.name().equals("idNumber")).singleElement().satisfies(change -> {
      assertThat(change.value()).isEqualTo("1101**********002X");
      assertThat(change.who()).isEqualTo("li.caseworker");
      assertThat(change.elementId()).isEqualTo("UserTask_registration");
      assertThat(change.operation()).isEqualTo("COMPLETE_USER_TASK");
    });
    assertThat(history.get(0).elementId()).as("the instance's creation is no element").isNull();
    assertThat(history).filteredOn(c -> c.name().equals("nationalCaseNumber")).singleElement()
        .satisfies(change -> assertThat(change.who()).isEqualTo("relief-workers"));
  }

  @Test
  void aRejectedCommandIsInTheLogButChangedNoVariable() {
    List<LogEntry> log = WhoDidWhat.build(entries(), origins);

    assertThat(log).extracting(LogEntry::operation).containsExactly("CREATE_PROCESS_INSTANCE", "COMPLETE_USER_TASK",
        "ASSIGN_USER_TASK", "COMPLETE_USER_TASK", "COMPLETE_USER_TASK", "COMPLETE_JOB", "COMPLETE_JOB");
    LogEntry refused = log.get(3);
    assertThat(refused.accepted()).isFalse();
    assertThat(refused.rejection()).isEqualTo("INVALID_STATE: 身份证号码校验位不正确");
    assertThat(refused.variableNames()).containsExactly("idNumber");
    assertThat(log.get(2).assignee()).isEqualTo("wang.head");
    assertThat(VariableHistory.build(entries(), origins, values -> values))
        .filteredOn(c -> c.sequence() == 4).isEmpty();
  }

  @Test
  void theDiagramMarksCompletedActiveAndIncidentElementsWithWhoDidThem() {
    List<TimelineStep> timeline = Timeline.build(List.of(
        element(INSTANCE, "relief-case", "救助案件", 0, null, null),
        element(INTAKE, "UserTask_intake", "接待", 1, 5, null),
        element(REGISTRATION, "UserTask_registration", "登记", 10, null, null)), entries(), origins);

    DiagramMarkers markers = DiagramMarkers.of("relief-case", timeline, Set.of("ServiceTask_nationalRegistration"),
        Set.of("Flow_1"));

    assertThat(markers.completed()).containsExactly("UserTask_intake");
    assertThat(markers.active()).containsExactly("UserTask_registration");
    assertThat(markers.incidents()).containsExactly("ServiceTask_nationalRegistration");
    assertThat(markers.flows()).containsExactly("Flow_1");
    assertThat(markers.overlays()).containsEntry("UserTask_intake", "2026-11-30 09:05:00 · li.caseworker")
        .doesNotContainKey("relief-case");
  }

  private static TimelineStep element(long key, String elementId, String name, int startMinute, Integer endMinute,
      String assignee) {
    return new TimelineStep(T0.plusMinutes(startMinute), endMinute == null ? null : T0.plusMinutes(endMinute),
        TimelineStep.Kind.ELEMENT, "救助案件", INSTANCE, elementId, name, "USER_TASK",
        endMinute == null ? "ACTIVE" : "COMPLETED", assignee, null, key);
  }

  private static Origins origins() {
    Origins origins = new Origins();
    origins.put(INSTANCE, new Origin("救助案件", INSTANCE, null, null));
    origins.put(INTAKE_TASK, new Origin("救助案件", INSTANCE, "UserTask_intake", INTAKE));
    origins.put(REGISTRATION_TASK, new Origin("救助案件", INSTANCE, "UserTask_registration", REGISTRATION));
    origins.put(ID_CHECK_LISTENER_JOB, new Origin("救助案件", INSTANCE, "UserTask_registration", REGISTRATION));
    origins.put(NATIONAL_JOB, new Origin("救助案件", INSTANCE, "ServiceTask_nationalRegistration", NATIONAL));
    return origins;
  }

  private static List<AuditEntry> entries() {
    Map<String, Object> registration = new LinkedHashMap<>();
    registration.put("fullName", "张三");
    registration.put("idNumber", "11010519491231002X");
    Map<String, Object> intake = new LinkedHashMap<>();
    intake.put("intakeChannel", "SELF_REFERRAL");
    intake.put("province", "广东省");
    return List.of(
        entry(1, 0, "li.caseworker", "CREATE_PROCESS_INSTANCE",
            Map.of("bpmnProcessId", "relief-case", "processInstanceKey", INSTANCE),
            Map.of("variables", Map.of("stationId", "org-station-tianhe")), null),
        entry(2, 5, "li.caseworker", "COMPLETE_USER_TASK", Map.of("userTaskKey", INTAKE_TASK),
            Map.of("variables", intake), null),
        entry(3, 11, "li.caseworker", "ASSIGN_USER_TASK", Map.of("userTaskKey", REGISTRATION_TASK),
            Map.of("assignee", "wang.head"), null),
        entry(4, 15, "li.caseworker", "COMPLETE_USER_TASK", Map.of("userTaskKey", REGISTRATION_TASK),
            Map.of("variables", Map.of("idNumber", "110105194912310021")), "INVALID_STATE"),
        entry(5, 20, "li.caseworker", "COMPLETE_USER_TASK", Map.of("userTaskKey", REGISTRATION_TASK),
            Map.of("variables", registration), null),
        // the completing task listener's job, done by a worker after the caseworker's completion
        entry(6, 21, "relief-workers", "COMPLETE_JOB", Map.of("jobKey", ID_CHECK_LISTENER_JOB), Map.of()),
        entry(7, 26, "relief-workers", "COMPLETE_JOB", Map.of("jobKey", NATIONAL_JOB),
            Map.of("variables", Map.of("nationalCaseNumber", "JZ-GD-1"))));
  }

  private static AuditEntry entry(long sequence, int minute, String caller, String operation, Map<String, Object> target,
      Map<String, Object> request, String rejectionType) {
    return new AuditEntry(sequence, T0.plusMinutes(minute), caller, operation, target, request,
        rejectionType == null ? "ACCEPTED" : "REJECTED", rejectionType,
        rejectionType == null ? null : "身份证号码校验位不正确");
  }

  private static AuditEntry entry(long sequence, int minute, String caller, String operation, Map<String, Object> target,
      Map<String, Object> request) {
    return entry(sequence, minute, caller, operation, target, request, null);
  }
}
