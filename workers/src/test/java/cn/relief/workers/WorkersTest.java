package cn.relief.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.relief.workers.documents.DocumentStore;
import cn.relief.workers.messages.MessagePublisher;
import cn.relief.workers.linkage.RecordingMessagePublisher;
import cn.relief.workers.escalation.EscalationMessages;
import cn.relief.workers.escalation.InMemoryEscalationMessages;
import cn.relief.workers.notices.NoticeProperties;
import cn.relief.workers.patrol.InMemoryReliefCaseStarter;
import cn.relief.workers.patrol.ReliefCaseStarter;
import cn.relief.workers.resettlement.InMemoryResettlementRequestPublisher;
import cn.relief.workers.resettlement.ResettlementRequestPublisher;
import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.exception.BpmnError;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Each worker as the starter calls it: a job with the variables of a case in, output variables or a
 * BPMN error out, with the simulated outside systems behind (no delay, no faults).
 */
class WorkersTest {

  @TempDir Path documents;

  private final AtomicLong elementInstanceKeys = new AtomicLong(2251799813685300L);

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withUserConfiguration(WorkersConfiguration.class)
        .withBean(CamundaClient.class, () -> CamundaClient.newClientBuilder()
            .restAddress(URI.create("http://localhost:9")).grpcAddress(URI.create("http://localhost:9")).build())
        // the linkage referral publishes start messages at once: kept in memory instead of the engine
        .withBean(MessagePublisher.class, RecordingMessagePublisher::new, definition -> definition.setPrimary(true))
        // the station's and the centre's messages stay in memory: no engine listens on port 9
        .withBean(EscalationMessages.class, InMemoryEscalationMessages::new, bean -> bean.setPrimary(true))
        // the outside systems reached through the Camunda client: in memory here
        .withBean(ResettlementRequestPublisher.class, InMemoryResettlementRequestPublisher::new,
            definition -> definition.setPrimary(true))
        .withBean(ReliefCaseStarter.class, InMemoryReliefCaseStarter::new, definition -> definition.setPrimary(true))
        .withPropertyValues("relief.simulators.delay=0s", "relief.documents.folder=" + documents);
  }

  /** The variables of one case, as the forms and decisions of the models leave them. */
  private static Map<String, Object> caseVariables() {
    Map<String, Object> variables = new HashMap<>();
    variables.putAll(Map.of("province", "GD", "fullName", "张三", "idNumber", "11010519491231002X",
        "gender", "MALE", "age", 40, "fingerprintsTaken", true, "photoTaken", true,
        "caseNumber", "JZ-GD-00000002", "noticeText", "寻亲公告：男，约40岁", "noticeChannels",
        List.of("NATIONAL_TRACING_SITE", "NEWSPAPER")));
    variables.putAll(Map.of("workingDays", 7, "policeStation", "某派出所", "dnaRequestDate", "2026-12-01",
        "subject", "DNA采集申请未在规定时限内提出", "noticeKind", "REFUSAL", "reason", "有固定住所",
        "linkages", List.of("TEMPORARY_ASSISTANCE"), "accommodationArea", "MALE_AREA",
        "escalation", Map.of("escalateTo", "regional-centre", "mechanism", "ESCALATION", "reason", "跨省护送"),
        "jointAgencies", List.of("POLICE")));
    variables.putAll(Map.of("extensionReason", "等待亲属接领", "extensionUntil", "2026-12-20",
        "filedWith", "CITY_CIVIL_AFFAIRS", "destination", "河南", "cashAmount", 10, "returnFareCashCap", 20,
        "crossProvinceEscort", true, "identityFound", false, "dateOfDeath", "2026-12-01",
        "recordsComplete", true));
    variables.putAll(Map.of("departureKind", "VOLUNTARY_LEAVE", "screeningNote", "门口甄别",
        "hospitalName", "市第一人民医院", "dischargeCertificateNo", "CY-1", "usedEmergencyMedicalFund", true,
        "intakeChannel", "SELF_REFERRAL"));
    variables.putAll(Map.of("reportGround", "MINOR_HARM", "description", "身上多处伤痕", "court", "某区人民法院",
        "respondentName", "王某", "evidence", "多次殴打", "assistanceAmount", 500, "assistanceKind", "CASH",
        "linkage", "TEMPORARY_ASSISTANCE", "outcome", "GRANTED"));
    variables.put("escalationKey", "JZ-GD-00000002#ServiceTask_escalationRequest/1");
    variables.putAll(Map.of("escalationOutcome", "HANDLED", "escalationReport", "区域性中心已办结",
        "assistanceKinds", List.of("STAFF"), "assistanceStaff", "王五",
        "assistanceDueDate", "2026-12-06T10:30:00+08:00"));
    variables.putAll(Map.of("receivingProvince", "湖南省", "handoverPoint", "湖南省救助管理站（长沙）",
        "escortDate", "2026-12-05", "escortStaff", "王强、李敏", "vehicle", "粤A·J1234",
        "institution", "武汉市社会福利院", "hukouAddress", "武汉市江岸区解放大道1号", "approvalNo", "江政复〔2027〕12号"));
    Map<String, Object> discovery = Map.of("location", "天河路人行天桥下", "description", "男，约45岁",
        "acceptsHelp", false, "needsMedicalCare", false, "isMinor", false, "adviceGiven", "已告知求助热线");
    variables.putAll(Map.of("discovery", discovery, "refusals", List.of(discovery), "patrolArea", "天河区",
        "patrolTeam", "陈刚、刘芳"));
    return variables;
  }

  @Test
  void everyJobTypeCompletesWithOutputVariables() {
    assumeTrue(Files.isReadable(NoticeProperties.DEFAULT_FONT) || "true".equals(System.getenv("CI")),
        "CJK font missing: apt-get install -y fonts-wqy-microhei");
    runner().run(context -> {
      for (Field field : JobTypes.class.getDeclaredFields()) {
        String type = (String) field.get(null);
        if (type.equals(JobTypes.ID_NUMBER_CHECK)) {
          continue; // a task listener: it completes its job itself, with no variables (ReliefCaseScenarioIT)
        }
        Map<String, Object> out = call(context, job(type, caseVariables()));
        assertThat(out).as("output of %s", type).isNotEmpty();
      }
    });
  }

  @Test
  void registrationGivesTheCaseNumberOncePerJob() {
    runner().run(context -> {
      TestJob job = job(JobTypes.NATIONAL_REGISTRATION, caseVariables());
      Map<String, Object> first = call(context, job);
      Map<String, Object> redelivered = call(context, job);
      Map<String, Object> otherCase = call(context, job(JobTypes.NATIONAL_REGISTRATION, caseVariables()));

      assertThat(first).containsEntry("caseNumber", "JZ-GD-00000001");
      assertThat(redelivered).isEqualTo(first);
      assertThat(otherCase).containsEntry("caseNumber", "JZ-GD-00000002");
    });
  }

  @Test
  void biometricComparisonFindsAPersonWithAValidIdNumber() {
    runner().run(context -> {
      assertThat(call(context, job(JobTypes.BIOMETRIC_COMPARISON, caseVariables())))
          .containsEntry("identityFound", true);
      Map<String, Object> unknown = caseVariables();
      unknown.put("idNumber", null);
      assertThat(call(context, job(JobTypes.BIOMETRIC_COMPARISON, unknown)))
          .containsEntry("identityFound", false);
    });
  }

  @Test
  void cashAboveTheCapIsThrownAsABpmnError() {
    runner().run(context -> {
      Map<String, Object> variables = caseVariables();
      variables.put("cashAmount", 50);
      assertThatThrownBy(() -> call(context, job(JobTypes.RETURN_TICKET, variables)))
          .isInstanceOfSatisfying(BpmnError.class,
              error -> assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.RETURN_FARE_CASH_ABOVE_CAP));
    });
  }

  @Test
  void incompleteRecordsAreThrownAsABpmnError() {
    runner().run(context -> {
      Map<String, Object> variables = caseVariables();
      variables.put("recordsComplete", false);
      assertThatThrownBy(() -> call(context, job(JobTypes.CASE_ARCHIVE, variables)))
          .isInstanceOfSatisfying(BpmnError.class,
              error -> assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.RECORDS_INCOMPLETE));
    });
  }

  @Test
  void theRefusalNoticeIsStoredWhereTheCaseFindsIt() {
    assumeTrue(Files.isReadable(NoticeProperties.DEFAULT_FONT) || "true".equals(System.getenv("CI")),
        "CJK font missing: apt-get install -y fonts-wqy-microhei");
    runner().run(context -> {
      Map<String, Object> out = call(context, job(JobTypes.NOTICE_PDF, caseVariables()));
      String id = (String) out.get("noticeDocumentId");
      assertThat(id).startsWith("JZ-GD-00000002/").endsWith("refusal.pdf");
      assertThat(context.getBean(DocumentStore.class).read(id)).isPresent();
    });
  }

  @Test
  void theDnaDeadlineIsAnIsoDateTimeWithOffset() {
    runner().run(context -> assertThat(call(context, job(JobTypes.WORKING_DAY_DEADLINE, caseVariables())))
        .hasEntrySatisfying("dueDate", due -> assertThat((String) due)
            .matches("\\d{4}-\\d{2}-\\d{2}T00:00:00\\+08:00")));
  }

  @Test
  void aMissingInputNamesTheVariable() {
    runner().run(context -> {
      Map<String, Object> variables = caseVariables();
      variables.remove("noticeText");
      assertThatThrownBy(() -> call(context, job(JobTypes.TRACING_NOTICE, variables)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'noticeText'").hasMessageContaining(JobTypes.TRACING_NOTICE);
    });
  }

  private TestJob job(String type, Map<String, Object> variables) {
    long elementInstanceKey = elementInstanceKeys.incrementAndGet();
    return new TestJob(elementInstanceKey + 1, type, "ServiceTask_" + type.substring("relief.".length()),
        elementInstanceKey, variables);
  }

  /** Finds the one @JobWorker method of the job's type and calls it as the starter does. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> call(AssertableApplicationContext context, TestJob job) throws Exception {
    for (Object bean : context.getBeansOfType(Object.class).values()) {
      for (Method method : AopUtils.getTargetClass(bean).getDeclaredMethods()) {
        JobWorker worker = method.getAnnotation(JobWorker.class);
        if (worker != null && worker.type().equals(job.type())) {
          try {
            return (Map<String, Object>) method.invoke(bean, job);
          } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
              throw cause;
            }
            throw e;
          }
        }
      }
    }
    throw new AssertionError("No worker for " + job.type());
  }
}
