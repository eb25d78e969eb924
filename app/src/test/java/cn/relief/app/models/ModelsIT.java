package cn.relief.app.models;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.WebBrowser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.Process;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Models pages as policy staff use them, over HTTP: the list with the running cases per
 * version, validation on the engine with element ids, deployment as the user, the comparison and
 * the migration of running cases. Only processes of the tests' own ({@code models-test-*}).
 */
@AppIT
class ModelsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired CamundaClient admin;
  private WebBrowser policy;
  private String csrf;

  @BeforeEach
  void logIn() throws Exception {
    policy = new WebBrowser(port);
    policy.logIn("zhang.policy", "demo-2026");
    csrf = WebBrowser.csrf(policy.get("/").body());
  }

  @Test
  void theListShowsProcessesWithTheRunningCasesOfEachVersionDecisionsAndForms() throws Exception {
    String processId = TestModels.uniqueId("list");
    Process v1 = TestModels.deploy(admin, processId, TestModels.oneTask(processId, "等待"));
    admin.newCreateInstanceCommand().processDefinitionKey(v1.getProcessDefinitionKey()).send().join();
    TestModels.deploy(admin, processId, TestModels.oneTask(processId, "等待处理"));

    HttpResponse<String> page = policy.get("/models");

    assertThat(page.statusCode()).isEqualTo(200);
    String html = page.body();
    assertThat(html).contains("data-process-id=\"" + processId + "\"", "data-version=\"2\" data-active=\"0\"",
        "data-version=\"1\" data-active=\"1\"", "data-process-id=\"relief-case\"", "data-form-id=\"relief-intake\"",
        "/models/process/" + processId + "/compare?from=1&amp;to=2");
    assertThat(html).containsPattern("data-decision-id=\"[^\"]+\"");
  }

  @Test
  void theEngineValidatesAModelAndNamesTheElementOfEachProblem() throws Exception {
    String processId = TestModels.uniqueId("invalid");
    String broken = TestModels.oneTask(processId, "坏的").replace("type=\"models-test-wait\"", "type=\"=concat(\"");

    JsonNode answer = post("/models/validation", processId + ".bpmn", broken, 200);
    assertThat(answer.get("checked").asBoolean()).isTrue();
    assertThat(answer.get("valid").asBoolean()).isFalse();
    assertThat(answer.get("problems").get(0).get("elementId").asText()).isEqualTo("wait");
    assertThat(answer.get("problems").get(0).get("message").asText()).contains("job type")
        .doesNotStartWith("'" + processId);

    JsonNode fine = post("/models/validation", processId + ".bpmn", TestModels.oneTask(processId, "好的"), 200);
    assertThat(fine.get("valid").asBoolean()).isTrue();
    // a dry run deploys nothing
    assertThat(admin.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId(processId)).send().join()
        .items()).isEmpty();
  }

  @Test
  void policyStaffDeployNewVersionsAndARejectedModelNamesItsElements() throws Exception {
    String processId = TestModels.uniqueId("deploy");
    JsonNode first = post("/models/deployment", processId + ".bpmn", TestModels.oneTask(processId, "一"), 200);
    assertThat(first.get("id").asText()).isEqualTo(processId);
    assertThat(first.get("version").asInt()).isEqualTo(1);
    JsonNode second = post("/models/deployment", processId + ".bpmn", TestModels.oneTask(processId, "二"), 200);
    assertThat(second.get("version").asInt()).isEqualTo(2);

    String broken = TestModels.oneTask(processId, "三").replace("type=\"models-test-wait\"", "type=\"=concat(\"");
    JsonNode rejected = post("/models/deployment", processId + ".bpmn", broken, 422);
    assertThat(rejected.get("message").asText()).contains("wait");
    assertThat(rejected.get("problems").findValuesAsText("elementId")).contains("wait");

    JsonNode badName = post("/models/deployment", "../etc/passwd.bpmn", broken, 400);
    assertThat(badName.get("message").asText()).contains("resource name");
  }

  @Test
  void theComparisonMarksWhatChangedBetweenTwoVersions() throws Exception {
    String processId = TestModels.uniqueId("compare");
    TestModels.deploy(admin, processId, TestModels.oneTask(processId, "旧名称"));
    TestModels.deploy(admin, processId, TestModels.oneTask(processId, "新名称"));

    HttpResponse<String> page = policy.get("/models/process/" + processId + "/compare?from=1&to=2");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("data-element-id=\"wait\" data-change=\"CHANGED\"", "name: 旧名称 → 新名称",
        "class=\"swatch added\"");
  }

  @Test
  void runningCasesMoveToTheNewVersionUnlessTheyWaitInAnElementItLacks() throws Exception {
    String processId = TestModels.uniqueId("migrate");
    Process v1 = TestModels.deploy(admin, processId, TestModels.twoRoutes(processId));
    long atWait = admin.newCreateInstanceCommand().processDefinitionKey(v1.getProcessDefinitionKey())
        .variables(Map.of("route", "a")).send().join().getProcessInstanceKey();
    long atGone = admin.newCreateInstanceCommand().processDefinitionKey(v1.getProcessDefinitionKey())
        .variables(Map.of("route", "b")).send().join().getProcessInstanceKey();
    Process v2 = TestModels.deploy(admin, processId, TestModels.oneTask(processId, "等待"));
    awaitActiveElement(atWait, "wait");
    awaitActiveElement(atGone, "gone");

    String plan = policy.get("/models/process/" + processId + "/migration?from=1&to=2").body();
    assertThat(plan).contains("data-instance=\"" + atWait + "\" data-migratable=\"true\"",
        "data-instance=\"" + atGone + "\" data-migratable=\"false\"");

    HttpResponse<String> result = policy.post("/models/process/" + processId + "/migration",
        "from=1&to=2&_csrf=" + WebBrowser.enc(csrf));

    assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
    assertThat(result.body()).contains("data-instance=\"" + atWait + "\" data-outcome=\"MIGRATED\"",
        "data-instance=\"" + atGone + "\" data-outcome=\"REFUSED\"", "新版本中没有环节");
    assertThat(admin.newProcessInstanceGetRequest(atWait).send().join().getProcessDefinitionKey())
        .isEqualTo(v2.getProcessDefinitionKey());
    assertThat(admin.newProcessInstanceGetRequest(atGone).send().join().getProcessDefinitionKey())
        .isEqualTo(v1.getProcessDefinitionKey());

    // the same version twice: the page again with the message, not JSON
    HttpResponse<String> same = policy.post("/models/process/" + processId + "/migration",
        "from=2&to=2&_csrf=" + WebBrowser.enc(csrf));
    assertThat(same.body()).contains("id=\"migration-error\"", "两个不同的版本").doesNotContain("\"message\"");
  }

  private void awaitActiveElement(long processInstanceKey, String elementId) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (!admin.newElementInstanceSearchRequest().filter(f -> f.processInstanceKey(processInstanceKey)
          .elementId(elementId)).send().join().items().isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("instance " + processInstanceKey + " never reached " + elementId);
  }

  private JsonNode post(String path, String resourceName, String content, int expectedStatus) throws Exception {
    String body = JSON.writeValueAsString(Map.of("resourceName", resourceName, "content", content));
    HttpResponse<String> response = policy.postJson(path, body, csrf);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return JSON.readTree(response.body());
  }
}
