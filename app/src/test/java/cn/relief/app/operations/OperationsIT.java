package cn.relief.app.operations;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.WebBrowser;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.response.Incident;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Operations lists the incidents a station head may handle, with their cause, and a retry gives
 * the job retries back and resolves the incident. The test's own process fails its job with no
 * retries left (no worker serves its job type).
 */
@AppIT
class OperationsIT {
  static final String JOB_TYPE = "ops-test.unavailable";
  static final String PROCESS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="ops-test-definitions" targetNamespace="http://relief.cn/bpmn">
        <bpmn:process id="ops-test-incident" name="运维测试" isExecutable="true">
          <bpmn:startEvent id="start"/>
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="callOutside"/>
          <bpmn:serviceTask id="callOutside" name="调用外部系统">
            <bpmn:extensionElements><zeebe:taskDefinition type="ops-test.unavailable" retries="1"/></bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="f2" sourceRef="callOutside" targetRef="end"/>
          <bpmn:endEvent id="end"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  @LocalServerPort int port;
  @Autowired CamundaClient client;

  @BeforeEach
  void deploy() {
    client.newDeployResourceCommand().addResourceStringUtf8(PROCESS, "ops-test-incident.bpmn").send().join();
  }

  @Test
  void aStationHeadSeesTheirStationsIncidentWithItsCauseAndRetryResolvesIt() throws Exception {
    String tianheCase = "OPS-TH-" + System.nanoTime();
    String baiyunCase = "OPS-BY-" + System.nanoTime();
    Incident incident = failedStep("org-station-tianhe", tianheCase);
    failedStep("org-station-baiyun", baiyunCase);

    WebBrowser head = new WebBrowser(port);
    head.logIn("wang.head", "demo-2026");
    HttpResponse<String> page = head.get("/operations");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(tianheCase, "ops-test-incident", "callOutside", "JOB_NO_RETRIES",
        "外部系统不可用").doesNotContain(baiyunCase);

    WebBrowser admin = new WebBrowser(port);
    admin.logIn("admin", "demo-2026");
    assertThat(admin.get("/operations").body()).contains(tianheCase, baiyunCase);

    String retryPath = "/operations/incidents/" + incident.getIncidentKey() + "/retry";
    assertThat(head.post(retryPath, "retries=2").statusCode()).as("no CSRF token").isEqualTo(403);
    HttpResponse<String> refused = head.post(retryPath, "retries=99&_csrf=" + WebBrowser.enc(WebBrowser.csrf(page.body())));
    assertThat(refused.statusCode()).isEqualTo(302);
    assertThat(head.get("/operations").body()).contains("id=\"retry-error\"", "99");

    String token = WebBrowser.csrf(head.get("/operations").body());
    HttpResponse<String> retried = head.post(retryPath, "retries=2&_csrf=" + WebBrowser.enc(token));
    assertThat(retried.statusCode()).isEqualTo(302);
    assertThat(head.get("/operations").body()).contains("id=\"retry-result\"",
        String.valueOf(incident.getIncidentKey()));
    Awaitility.await("incident resolved").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> client.newIncidentGetRequest(incident.getIncidentKey()).send().join().getState(),
            IncidentState.RESOLVED::equals);
    assertThat(client.newJobSearchRequest().filter(f -> f.jobKey(incident.getJobKey())).send().join().items().get(0)
        .getRetries()).isEqualTo(2);
  }

  @Test
  void aCaseworkerMayNotOpenOperationsNorRetry() throws Exception {
    WebBrowser caseworker = new WebBrowser(port);
    caseworker.logIn("li.caseworker", "demo-2026");
    HttpResponse<String> page = caseworker.get("/operations");
    assertThat(page.statusCode()).isEqualTo(403);
    String token = WebBrowser.csrf(caseworker.get("/").body());
    assertThat(caseworker.post("/operations/incidents/1/retry", "retries=1&_csrf=" + WebBrowser.enc(token))
        .statusCode()).isEqualTo(403);
  }

  /** Starts the test process for a case of the station and fails its job with no retries left: an incident. */
  private Incident failedStep(String stationId, String caseNumber) {
    long instance = client.newCreateInstanceCommand().bpmnProcessId("ops-test-incident").latestVersion()
        .variables(Map.of("stationId", stationId, "caseNumber", caseNumber)).send().join().getProcessInstanceKey();
    ActivatedJob job = Awaitility.await("job of " + caseNumber).atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> client.newActivateJobsCommand().jobType(JOB_TYPE).maxJobsToActivate(10).send().join().getJobs()
            .stream().filter(j -> j.getProcessInstanceKey() == instance).findFirst(), java.util.Optional::isPresent)
        .get();
    client.newFailCommand(job).retries(0).errorMessage("外部系统不可用（测试）").send().join();
    List<Incident> incidents = Awaitility.await("incident of " + caseNumber).atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(instance)
            .state(IncidentState.ACTIVE)).send().join().items(), items -> !items.isEmpty());
    return incidents.get(0);
  }
}
