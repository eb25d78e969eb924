package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Invalid requests are refused with Zeebe's status codes and a message saying what was expected
 * and what was found, and the engine keeps working after each of them.
 */
class BadInputIT extends ClientTestSupport {

  @OverBothTransports
  void rejectsMalformedBpmn(Transport transport) {
    CamundaClient client = client(transport);
    String name = uniqueId("malformed", transport) + ".bpmn";
    byte[] truncated = "<?xml version=\"1.0\"?><bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><bpmn:process id=\"x\""
        .getBytes(StandardCharsets.UTF_8);

    assertRejected(transport,
        () -> client.newDeployResourceCommand().addResourceBytes(truncated, name).send().join(),
        Status.Code.INVALID_ARGUMENT, 400, name, "Expected");

    assertEngineStillWorks(client, transport);
  }

  @OverBothTransports
  void rejectsBpmnThatTheEngineCannotExecute(Transport transport) {
    CamundaClient client = client(transport);
    String noTypeId = uniqueId("no-job-type", transport);
    var noJobType = Bpmn.createExecutableProcess(noTypeId)
        .startEvent().serviceTask("taskWithoutType").endEvent().done();
    assertRejected(transport,
        () -> client.newDeployResourceCommand().addProcessModel(noJobType, noTypeId + ".bpmn").send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "taskWithoutType", "job type");

    String unsupportedId = uniqueId("unsupported", transport);
    // Camunda 8.8 does not execute complex gateways: refused with the element id, not ignored
    String unsupported = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"
            targetNamespace="http://relief.cn/test">
          <bpmn:process id="%s" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="toComplex" sourceRef="start" targetRef="complexStep" />
            <bpmn:complexGateway id="complexStep" />
            <bpmn:sequenceFlow id="toEnd" sourceRef="complexStep" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(unsupportedId);
    assertRejected(transport,
        () -> client.newDeployResourceCommand()
            .addResourceBytes(unsupported.getBytes(StandardCharsets.UTF_8), unsupportedId + ".bpmn").send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "complexStep", "not supported");

    // a condition must be an expression; the fluent builder would add the '=' itself, so plain XML
    String staticConditionId = uniqueId("static-condition", transport);
    String staticCondition = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="http://relief.cn/test">
          <bpmn:process id="%s" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="toGateway" sourceRef="start" targetRef="xor" />
            <bpmn:exclusiveGateway id="xor" default="otherwise" />
            <bpmn:sequenceFlow id="toBig" sourceRef="xor" targetRef="big">
              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">amount &gt; 100</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="otherwise" sourceRef="xor" targetRef="small" />
            <bpmn:endEvent id="big" />
            <bpmn:endEvent id="small" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(staticConditionId);
    assertRejected(transport,
        () -> client.newDeployResourceCommand()
            .addResourceBytes(staticCondition.getBytes(StandardCharsets.UTF_8), staticConditionId + ".bpmn")
            .send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "toBig", "amount > 100", "must start with '='");
    assertRejected(transport,
        () -> client.newCreateInstanceCommand().bpmnProcessId(staticConditionId).latestVersion().send().join(),
        Status.Code.NOT_FOUND, 404, staticConditionId);

    // nothing of a rejected deployment was deployed
    assertRejected(transport,
        () -> client.newCreateInstanceCommand().bpmnProcessId(noTypeId).latestVersion().send().join(),
        Status.Code.NOT_FOUND, 404, noTypeId);
    assertEngineStillWorks(client, transport);
  }

  @OverBothTransports
  void rejectsBpmnWithDoctypeWithoutReadingFilesOrUrls(Transport transport) throws Exception {
    CamundaClient client = client(transport);
    String secret = "relief-secret-" + UUID.randomUUID();
    Path secretFile = Files.createTempFile("relief-xxe", ".txt");
    Files.writeString(secretFile, secret);
    try (ConnectionCounter listener = new ConnectionCounter()) {
      String fileEntity = "<!DOCTYPE definitions [<!ENTITY xxe SYSTEM \"" + secretFile.toUri() + "\">]>";
      String urlEntity = "<!DOCTYPE definitions [<!ENTITY % remote SYSTEM \"" + listener.url() + "\"> %remote;]>";
      String hugeComment = "<!--" + "x".repeat(70 * 1024) + "-->";

      String[][] variants = {
          // {process id, prolog between the XML declaration and the root element, process name, encoding}
          {uniqueId("xxe-file", transport), fileEntity, "&xxe;", "UTF-8"},
          {uniqueId("xxe-url", transport), urlEntity, "remote", "UTF-8"},
          // a DOCTYPE far into the document must not slip through a check of the first bytes only
          {uniqueId("xxe-late-file", transport), hugeComment + fileEntity, "&xxe;", "UTF-8"},
          {uniqueId("xxe-late-url", transport), hugeComment + urlEntity, "remote", "UTF-8"},
          // nor one in a document that is not UTF-8
          {uniqueId("xxe-utf16-file", transport), fileEntity, "&xxe;", "UTF-16"},
          {uniqueId("xxe-utf16-url", transport), urlEntity, "remote", "UTF-16"},
      };
      for (String[] variant : variants) {
        String processId = variant[0];
        String xml = "<?xml version=\"1.0\" encoding=\"" + variant[3] + "\"?>" + variant[1]
            + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\""
            + " targetNamespace=\"http://relief.cn/test\">"
            + "<bpmn:process id=\"" + processId + "\" name=\"" + variant[2] + "\" isExecutable=\"true\">"
            + "<bpmn:startEvent id=\"s\"/><bpmn:sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"e\"/>"
            + "<bpmn:endEvent id=\"e\"/></bpmn:process></bpmn:definitions>";
        byte[] content = xml.getBytes(Charset.forName(variant[3]));
        String resourceName = processId + ".bpmn";

        String message = assertRejected(transport,
            () -> client.newDeployResourceCommand().addResourceBytes(content, resourceName).send().join(),
            Status.Code.INVALID_ARGUMENT, 400, resourceName, "DOCTYPE");
        assertThat(message).doesNotContain(secret);
        assertRejected(transport,
            () -> client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion().send().join(),
            Status.Code.NOT_FOUND, 404, processId);
      }
      assertThat(listener.connections()).as("connections to the external entity's URL").isZero();
    } finally {
      Files.deleteIfExists(secretFile);
    }
    assertEngineStillWorks(client, transport);
  }

  @OverBothTransports
  void rejectsUnknownProcessIdVersionAndKey(Transport transport) {
    CamundaClient client = client(transport);
    String unknown = uniqueId("never-deployed", transport);
    assertRejected(transport,
        () -> client.newCreateInstanceCommand().bpmnProcessId(unknown).latestVersion().send().join(),
        Status.Code.NOT_FOUND, 404, "Expected to find process definition", unknown);

    String deployed = uniqueId("deployed-once", transport);
    deploy(client, oneTask(deployed, uniqueId("type", transport)));
    assertRejected(transport,
        () -> client.newCreateInstanceCommand().bpmnProcessId(deployed).version(7).send().join(),
        Status.Code.NOT_FOUND, 404, deployed, "'7'");
    assertRejected(transport,
        () -> client.newCreateInstanceCommand().processDefinitionKey(2251799813999999L).send().join(),
        Status.Code.NOT_FOUND, 404, "2251799813999999");
    assertRejected(transport,
        () -> client.newCancelInstanceCommand(2251799813999998L).send().join(),
        Status.Code.NOT_FOUND, 404, "2251799813999998");
    assertRejected(transport,
        () -> client.newResolveIncidentCommand(2251799813999997L).send().join(),
        Status.Code.NOT_FOUND, 404, "2251799813999997");
    assertRejected(transport,
        () -> client.newSetVariablesCommand(2251799813999996L).variables(Map.of("a", 1)).send().join(),
        Status.Code.NOT_FOUND, 404, "2251799813999996");

    assertEngineStillWorks(client, transport);
  }

  @Test
  void grpcRejectsVariablesThatAreNotAJsonObject() {
    CamundaClient client = client(Transport.GRPC);
    String processId = uniqueId("array-variables", Transport.GRPC);
    deploy(client, oneTask(processId, uniqueId("type", Transport.GRPC)));

    assertRejected(Transport.GRPC,
        () -> client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion().variables("[1,2]")
            .send().join(),
        Status.Code.INVALID_ARGUMENT, 0, "JSON object", "[1,2]", "array");

    assertEngineStillWorks(client, Transport.GRPC);
  }

  @Test
  void restRejectsVariablesThatAreNotAJsonObject() throws Exception {
    String processId = uniqueId("array-variables", Transport.REST);
    CamundaClient client = client(Transport.REST);
    deploy(client, oneTask(processId, uniqueId("type", Transport.REST)));

    // the client refuses such documents itself, so the request is sent as plain HTTP
    HttpResponse<String> response = postJson("/v2/process-instances",
        "{\"processDefinitionId\":\"" + processId + "\",\"variables\":[1,2]}", "demo", "demo");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("variables").contains("JSON object").contains("array");

    assertEngineStillWorks(client, Transport.REST);
  }

  @OverBothTransports
  void rejectsCompletingAnUnknownOrAlreadyCompletedJob(Transport transport) {
    CamundaClient client = client(transport);
    assertRejected(transport,
        () -> client.newCompleteCommand(2251799813888888L).send().join(),
        Status.Code.NOT_FOUND, 404, "2251799813888888", "no such job");

    String jobType = uniqueId("complete-twice", transport);
    String processId = uniqueId("complete-twice", transport);
    deploy(client, oneTask(processId, jobType));
    startInstance(client, processId, Map.of());
    ActivatedJob job = activateOne(client, jobType);
    client.newCompleteCommand(job.getKey()).send().join();

    assertRejected(transport,
        () -> client.newCompleteCommand(job.getKey()).send().join(),
        Status.Code.NOT_FOUND, 404, String.valueOf(job.getKey()));
    assertRejected(transport,
        () -> client.newFailCommand(job.getKey()).retries(1).send().join(),
        Status.Code.NOT_FOUND, 404, String.valueOf(job.getKey()));

    assertEngineStillWorks(client, transport);
  }

  @OverBothTransports
  void rejectsActivatingZeroJobs(Transport transport) {
    CamundaClient client = client(transport);
    String jobType = uniqueId("zero-jobs", transport);
    assertRejected(transport,
        () -> client.newActivateJobsCommand().jobType(jobType).maxJobsToActivate(0).send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "at least 1", "0");

    assertEngineStillWorks(client, transport);
  }

  @OverBothTransports
  void rejectsWrongCredentials(Transport transport) {
    CamundaClient intruder = client(transport, "demo", "not-the-password");
    String processId = uniqueId("intruder", transport);
    Throwable thrown = catchThrowable(() -> intruder.newDeployResourceCommand()
        .addProcessModel(oneTask(processId, "x"), "x.bpmn").send().join());
    if (transport == Transport.REST) {
      assertThat(thrown).isInstanceOf(ProblemException.class);
      ProblemException problem = (ProblemException) thrown;
      assertThat(problem.code()).isEqualTo(401);
      assertThat(problem.details().getDetail()).contains("credentials were not accepted");
    } else {
      assertThat(thrown).isInstanceOf(ClientStatusException.class);
      ClientStatusException status = (ClientStatusException) thrown;
      assertThat(status.getStatusCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(status.getStatus().getDescription()).contains("credentials were not accepted");
    }

    // nothing was deployed, and a client with the right credentials is served as before
    CamundaClient client = client(transport);
    assertRejected(transport,
        () -> client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion().send().join(),
        Status.Code.NOT_FOUND, 404, processId);
    assertEngineStillWorks(client, transport);
  }

  @Test
  void restAnswersMissingCredentialsWithProblemJson() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/v2/topology"))
        .GET().build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        value -> assertThat(value).startsWith("Basic"));
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("Authorization");
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** A normal command after the bad one: deploy a process and run it to its end. */
  private static void assertEngineStillWorks(CamundaClient client, Transport transport) {
    String processId = uniqueId("still-works", transport);
    deploy(client, Bpmn.createExecutableProcess(processId).startEvent().endEvent().done());
    var result = client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
        .variables(Map.of("ok", true)).withResult().send().join();
    assertThat(result.getVariablesAsMap()).containsEntry("ok", true);
  }

  private HttpResponse<String> postJson(String path, String body, String user, String password)
      throws IOException, InterruptedException {
    String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + basic)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
