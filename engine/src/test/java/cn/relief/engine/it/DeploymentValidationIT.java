package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.audit.AuditPage;
import cn.relief.engine.audit.AuditQuery;
import cn.relief.engine.audit.AuditSearch;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code POST /v2/relief/deployments/validation}: the deployment's own checks as a dry run, with
 * the element id of each problem, nothing deployed, the same permission as a deployment, and an
 * entry in the audit trail.
 */
class DeploymentValidationIT extends ClientTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired AuditSearch auditSearch;

  @Test
  void problemsComeWithTheirElementIdAndNothingIsDeployed() throws Exception {
    CamundaClient client = client(Transport.REST);
    String processId = uniqueId("validation-broken", Transport.REST);
    String xml = Bpmn.convertToString(Bpmn.createExecutableProcess(processId).startEvent("start")
        .serviceTask("call", t -> t.zeebeJobType("=concat(")).endEvent("end").done());

    HttpResponse<String> response = validate("broken.bpmn", xml, "demo", "demo");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("valid").asBoolean()).isFalse();
    JsonNode problem = body.get("problems").get(0);
    assertThat(problem.get("resourceName").asText()).isEqualTo("broken.bpmn");
    assertThat(problem.get("elementId").asText()).isEqualTo("call");
    assertThat(problem.get("message").asText()).contains("'broken.bpmn'", "call", "job type");
    assertThat(client.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId(processId))
        .send().join().items()).isEmpty();

    List<AuditPage.Item> entries = auditSearch.search(
        new AuditQuery("demo", "VALIDATE_DEPLOYMENT", null, null, null, null, 1000, null)).items();
    assertThat(entries).anySatisfy(entry ->
        assertThat(entry.request().get("resources").get(0).get("name").asText()).isEqualTo("broken.bpmn"));
  }

  @Test
  void aValidModelIsValidAndStillNotDeployed() throws Exception {
    CamundaClient client = client(Transport.REST);
    String processId = uniqueId("validation-fine", Transport.REST);
    String xml = Bpmn.convertToString(oneTask(processId, "validation-fine"));

    HttpResponse<String> response = validate("fine.bpmn", xml, "demo", "demo");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("valid").asBoolean()).isTrue();
    assertThat(body.get("problems")).isEmpty();
    assertThat(client.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId(processId))
        .send().join().items()).isEmpty();
  }

  @Test
  void withoutThePermissionToDeployTheCallIsRefused() throws Exception {
    CamundaClient admin = client(Transport.REST);
    String clerk = uniqueId("validation-clerk", Transport.REST);
    admin.newCreateUserCommand().username(clerk).password("pass-" + clerk).name(clerk)
        .email(clerk + "@relief.example").send().join();
    String xml = Bpmn.convertToString(oneTask(uniqueId("validation-denied", Transport.REST), "x"));

    assertThat(validate("denied.bpmn", xml, clerk, "pass-" + clerk).statusCode()).isEqualTo(403);
    assertThat(validate("denied.bpmn", xml, null, null).statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> validate(String name, String content, String user, String password) throws Exception {
    String boundary = "relief-" + System.nanoTime();
    String body = "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"resources\"; filename=\"" + name + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort
            + "/v2/relief/deployments/validation"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (user != null) {
      request.header("Authorization",
          "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
