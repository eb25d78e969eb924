package cn.relief.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The whole application on its embedded defaults: PostgreSQL, engine, start-up deployment, health. */
@AppIT
class ReliefApplicationIT {
  @LocalServerPort int port;
  @Autowired CamundaClient client;

  @Test
  void healthIsPublicAndReportsTheEngine() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"engine\":{\"status\":\"UP\"}")
        .doesNotContain("path"); // details stay private on the public endpoint
  }

  @Test
  void engineApiNeedsCredentials() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v2/topology")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void deploysTheModelsFoundAtStartupAndRunsThem() {
    // the deployment happens on ApplicationReadyEvent, which precedes the test
    try (var worker = client.newWorker().jobType("app-startup-check")
        .handler((jobClient, job) -> jobClient.newCompleteCommand(job).variables(Map.of("checked", true)).send().join())
        .timeout(Duration.ofSeconds(10))
        .open()) {
      ProcessInstanceResult result = client.newCreateInstanceCommand().bpmnProcessId("app-startup-check")
          .latestVersion().variables(Map.of("mode", "full")).withResult().send().join();
      assertThat(result.getVariablesAsMap()).containsEntry("checked", true)
          // the decision table next to the model was deployed with it
          .containsEntry("route", "complete check");
      assertThat(result.getVersion()).isEqualTo(1);
    }
  }

  @Test
  void deploysTheReliefProceduresTheirTablesAndFormsAtStartup() {
    for (String process : new String[] {"relief-case", "family-tracing"}) {
      assertThat(client.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId(process))
          .send().join().items()).as(process).hasSize(1);
    }
    assertThat(client.newDecisionDefinitionSearchRequest().filter(f -> f.decisionDefinitionId("admission"))
        .send().join().items()).isNotEmpty();
    // a relief case starts and reaches its first task, whose form is deployed
    long instance = client.newCreateInstanceCommand().bpmnProcessId("relief-case").latestVersion().send().join()
        .getProcessInstanceKey();
    var task = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(instance)).send().join()
            .items(), items -> !items.isEmpty()).get(0);
    assertThat(client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join().getFormId()).isNotBlank();
  }
}
