package cn.relief.app.cases;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.WebBrowser;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The cases pages as each station, the centre and the auditor see them; starting a case. */
@AppIT
class CasePagesIT {
  static final String TIANHE = "org-station-tianhe";
  static final String BAIYUN = "org-station-baiyun";
  static final String ID_NUMBER = "11010519491231002X";

  @LocalServerPort int port;
  @Autowired CamundaClient client;

  @Test
  void startingACaseOpensItsIntakeTaskForTheCaseworkersStation() throws Exception {
    WebBrowser li = logIn("li.caseworker");
    HttpResponse<String> started = li.post("/cases", "_csrf=" + WebBrowser.enc(WebBrowser.csrf(li.get("/cases").body())));
    assertThat(started.statusCode()).isEqualTo(302);
    String location = started.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches(".*/tasks/\\d+");
    HttpResponse<String> intake = li.get(location.substring(location.indexOf("/tasks/")));
    assertThat(intake.statusCode()).isEqualTo(200);
    assertThat(intake.body()).contains("受理求助", "data-schema=", "relief-intake", "form-viewer.umd.js");

    UserTask task = client.newUserTaskGetRequest(Long.parseLong(location.replaceAll(".*/tasks/", ""))).send().join();
    Map<String, Object> variables = new CaseFiles(new CaseAccess("org-regional-huanan"))
        .variables(client, task.getProcessInstanceKey());
    assertThat(variables).containsEntry("stationId", TIANHE).containsEntry("stationName", "广州市天河区救助管理站");
  }

  @Test
  void eachStationListsItsOwnCasesAndIsRefusedTheOthers() throws Exception {
    long tianhe = startCase(TIANHE);
    long baiyun = startCase(BAIYUN);
    WebBrowser li = logIn("li.caseworker");
    WebBrowser chen = logIn("chen.caseworker");

    assertThat(li.get("/cases").body()).contains("data-case-key=\"" + tianhe + "\"")
        .doesNotContain("data-case-key=\"" + baiyun + "\"");
    assertThat(chen.get("/cases").body()).contains("data-case-key=\"" + baiyun + "\"")
        .doesNotContain("data-case-key=\"" + tianhe + "\"");

    HttpResponse<String> refused = chen.get("/cases/" + tianhe);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("id=\"forbidden\"", "无权访问");
    assertThat(li.get("/cases/" + tianhe).statusCode()).isEqualTo(200);
    assertThat(li.get("/cases/" + tianhe + "?lang=en").body()).contains("Current steps", "Documents", "Escalations");
    assertThat(li.get("/cases/999999999").statusCode()).isEqualTo(404);
  }

  @Test
  void aRefusedCasesNoticeDownloadsForItsStationOnlyAndTheAuditorSeesTheIdNumberMasked() throws Exception {
    long instance = startCase(TIANHE);
    complete(instance, "UserTask_intake", Map.of("intakeChannel", "PUBLIC_REPORT", "province", "北京市"));
    complete(instance, "UserTask_doorScreening", Map.of());
    Map<String, Object> registration = new HashMap<>(Map.of("fullName", "王五", "idNumber", ID_NUMBER,
        "gender", "MALE", "age", 30, "cause", "OTHER", "canGiveInformation", true, "refusesTrueInformation", false,
        "canPayFoodAndLodging", true, "hasSupport", false, "onSubsistenceAllowance", false));
    registration.put("livingByVagrancyOrBegging", false);
    registration.put("hasDisability", false);
    complete(instance, "UserTask_registration", registration);
    complete(instance, "UserTask_securityCheck", Map.of("belongings", "背包一个"));
    complete(instance, "UserTask_refusalReview", Map.of("refusalConfirmed", true, "refusalNote", "本人有现金"));
    String documentId = Awaitility.await("notice").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> new CaseFiles(new CaseAccess("org-regional-huanan")).variables(client, instance)
            .get("noticeDocumentId"), java.util.Objects::nonNull).toString();
    String download = "/cases/" + instance + "/document?id=" + WebBrowser.enc(documentId);

    WebBrowser li = logIn("li.caseworker");
    HttpResponse<String> page = li.get("/cases/" + instance);
    assertThat(page.body()).contains("王五", ID_NUMBER, "不予救助告知书", "class=\"document\"");
    HttpResponse<byte[]> pdf = li.getBytes(download);
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow()).contains("refusal.pdf");
    assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");

    WebBrowser chen = logIn("chen.caseworker");
    assertThat(chen.getBytes(download).statusCode()).isEqualTo(403);
    assertThat(li.getBytes("/cases/" + instance + "/document?id=JZ-1/other.pdf").statusCode()).isEqualTo(404);

    WebBrowser auditor = logIn("sun.auditor");
    HttpResponse<String> audited = auditor.get("/cases/" + instance);
    assertThat(audited.statusCode()).isEqualTo(200);
    assertThat(audited.body()).contains("1101**********002X", "王五").doesNotContain(ID_NUMBER)
        .doesNotContain("id=\"start-case\"");
    assertThat(auditor.get("/cases?q=%E7%8E%8B%E4%BA%94").body()).contains("data-case-key=\"" + instance + "\"");
  }

  @Test
  void theCentreOpensACaseOnceItIsEscalatedAndTakesItsAcceptanceTask() throws Exception {
    String caseNumber = "JZ-广东省-T" + System.nanoTime();
    long instance = client.newCreateInstanceCommand().bpmnProcessId("relief-case").latestVersion()
        .variables(Map.of("stationId", TIANHE, "caseNumber", caseNumber)).send().join().getProcessInstanceKey();
    WebBrowser zhao = logIn("zhao.centre");
    assertThat(zhao.get("/cases/" + instance).statusCode()).as("not escalated yet").isEqualTo(403);

    client.newPublishMessageCommand().messageName("relief-escalation-received").correlationKey(caseNumber + "#1")
        .variables(Map.of("caseNumber", caseNumber, "province", "广东省", "fullName", "赵六", "age", 40)).send().join();
    long acceptance = Awaitility.await("the centre's acceptance").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200)).until(() -> client.newUserTaskSearchRequest()
            .filter(f -> f.bpmnProcessId("regional-escalation").elementId("UserTask_centreAcceptance")
                .processInstanceVariables(Map.of("caseNumber", caseNumber)))
            .send().join().items(), items -> !items.isEmpty()).get(0).getUserTaskKey();

    assertThat(zhao.get("/cases").body()).contains("data-case-key=\"" + instance + "\"");
    HttpResponse<String> page = zhao.get("/cases/" + caseNumber.replace("广东省", "%E5%B9%BF%E4%B8%9C%E7%9C%81"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body().substring(page.body().indexOf("id=\"case-escalations\""))).contains("区域性中心提级办理");
    assertThat(zhao.get("/tasks").body()).contains("data-task-key=\"" + acceptance + "\"");
    assertThat(logIn("chen.caseworker").get("/cases/" + instance).statusCode()).isEqualTo(403);
  }

  private long startCase(String stationId) {
    return client.newCreateInstanceCommand().bpmnProcessId("relief-case").latestVersion()
        .variables(Map.of("stationId", stationId)).send().join().getProcessInstanceKey();
  }

  private void complete(long instance, String elementId, Map<String, Object> variables) {
    UserTask task = Awaitility.await(elementId).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> client.newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(instance).elementId(elementId).state(UserTaskState.CREATED))
            .send().join().items(), items -> !items.isEmpty()).get(0);
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(variables).send().join();
  }

  private WebBrowser logIn(String username) throws Exception {
    WebBrowser browser = new WebBrowser(port);
    browser.logIn(username, "demo-2026");
    return browser;
  }
}
