package cn.relief.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.workers.documents.DocumentStore;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * Relief cases end to end in the whole application: the real client completes the caseworkers'
 * and the station head's tasks with their forms' fields, the workers (with the simulated outside
 * systems) do every service task, and the case ends where the rules lead it, with its documents.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {"server.port=18080", "relief.engine.grpc.port=36500"})
class ReliefCaseScenarioIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Autowired CamundaClient client;
  @Autowired DocumentStore documents;

  @Test
  void anAdultIdentifiedAtOnceIsSentHome() {
    long instance = start();
    complete(instance, "UserTask_intake", Map.of("intakeChannel", "SELF_REFERRAL", "province", "广东省"));
    complete(instance, "UserTask_doorScreening", Map.of("suspectedMentalDisorder", false, "dangerToOthers", false));
    complete(instance, "UserTask_registration", registration(45, false));
    complete(instance, "UserTask_securityCheck", Map.of("belongings", "身份证一张、手机一部", "belongingsHeld", true,
        "fingerprintsTaken", true, "photoTaken", true));
    // registration in the national system, care arrangement and the biometric comparison are the workers'
    complete(instance, "UserTask_needsAssessment", Map.of("accommodationArea", "MALE_AREA"));
    complete(instance, "UserTask_departure", Map.of("departureKind", "RETURN_HOME", "departureDate", "2026-12-02",
        "destination", "湖南省长沙市", "cashAmount", 15));
    complete(instance, "UserTask_closure", Map.of("recordsComplete", true));

    awaitState(instance, ProcessInstanceState.COMPLETED);
    Map<String, Object> variables = variables(instance);
    assertThat((String) variables.get("caseNumber")).startsWith("JZ-");
    assertThat(variables).containsKey("ticketBookingNo").containsKey("archiveDocumentId");
  }

  @Test
  void anApplicantWhoCanPayIsRefusedWithAWrittenNoticeInChinese() throws Exception {
    long instance = start();
    complete(instance, "UserTask_intake", Map.of("intakeChannel", "PUBLIC_REPORT", "province", "北京市"));
    complete(instance, "UserTask_doorScreening", Map.of());
    complete(instance, "UserTask_registration", registration(30, true));
    complete(instance, "UserTask_securityCheck", Map.of("belongings", "背包一个"));
    complete(instance, "UserTask_refusalReview",
        Map.of("refusalConfirmed", true, "refusalNote", "本人有现金，可自行解决食宿"));

    awaitState(instance, ProcessInstanceState.COMPLETED);
    String documentId = (String) variables(instance).get("noticeDocumentId");
    assertThat(documentId).isNotBlank();
    byte[] pdf = documents.read(documentId).orElseThrow();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(document)).contains("不予救助").contains("食宿");
    }
  }

  private long start() {
    return client.newCreateInstanceCommand().bpmnProcessId("relief-case").latestVersion().send().join()
        .getProcessInstanceKey();
  }

  private static Map<String, Object> registration(int age, boolean canPay) {
    Map<String, Object> values = new HashMap<>();
    values.put("fullName", "张三");
    values.put("idNumber", "11010519491231002X");
    values.put("gender", "MALE");
    values.put("age", age);
    values.put("cause", canPay ? "OTHER" : "VAGRANCY_OR_BEGGING");
    values.put("canGiveInformation", true);
    values.put("refusesTrueInformation", false);
    values.put("canPayFoodAndLodging", canPay);
    values.put("hasSupport", false);
    values.put("onSubsistenceAllowance", false);
    values.put("livingByVagrancyOrBegging", !canPay);
    values.put("hasDisability", false);
    return values;
  }

  /** Waits for the task of the element to be open (the workers may still be busy before it), then completes it. */
  private void complete(long instance, String elementId, Map<String, Object> variables) {
    UserTask task = Awaitility.await(elementId).atMost(WAIT).pollInterval(Duration.ofMillis(100))
        .until(() -> client.newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(instance).elementId(elementId).state(UserTaskState.CREATED))
            .send().join().items(), items -> !items.isEmpty()).get(0);
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(variables).send().join();
  }

  private void awaitState(long instance, ProcessInstanceState state) {
    Awaitility.await("case " + instance + " " + state).atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> client.newProcessInstanceGetRequest(instance).send().join().getState(), state::equals);
  }

  private Map<String, Object> variables(long instance) {
    Map<String, Object> variables = new HashMap<>();
    List<io.camunda.client.api.search.response.Variable> found = client.newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(instance).scopeKey(instance)).page(p -> p.limit(200)).send().join().items();
    for (var variable : found) {
      variables.put(variable.getName(), read(variable.getValue()));
    }
    return variables;
  }

  private static Object read(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Object.class);
    } catch (java.io.IOException e) {
      return json;
    }
  }
}
