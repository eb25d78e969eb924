package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Size and depth limits of what callers send: request bodies and gRPC messages over {@code
 * relief.engine.max-message-size} (4 MiB), JSON nested deeper than Jackson's limit (1,000), and
 * deployment resources over the multipart limit (1 MB) are refused with a status and a message
 * that say so (not a 500, not an out-of-memory error), and the engine works normally afterwards.
 * Shapes of requests are another test's subject; this one is about sizes.
 */
class PayloadLimitsIT extends ClientTestSupport {
  private static final String NAME = "PayloadLimitsIT";
  private static final int LIMIT = 4 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  @OverBothTransports
  void variablesJustUnderTheLimitAreTakenAndComeBackWhole(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("payload", transport);
    deploy(client, oneTask(processId, processId));
    String large = "x".repeat(3 * 1024 * 1024);
    long started = System.nanoTime();
    long key = startInstance(client, processId, Map.of("large", large));
    ActivatedJob job = activateOne(client, processId);
    assertThat(job.getProcessInstanceKey()).isEqualTo(key);
    assertThat(job.getVariablesAsMap().get("large")).isEqualTo(large);
    client.newCompleteCommand(job).send().join();
    awaitInstanceState(key, "COMPLETED");
    System.out.printf(Locale.ROOT, "%s: %s: a 3 MiB variable created, activated and completed in %d ms%n", NAME,
        transport, (System.nanoTime() - started) / 1_000_000);
  }

  @Test
  void restBodyOverTheLimitIsRefusedWith413() throws Exception {
    CamundaClient client = client(Transport.REST);
    String processId = uniqueId("payload", Transport.REST);
    deploy(client, oneTask(processId, processId));

    // through the client, which sends its body chunked, without a declared length: counted while read
    Throwable thrown = catchThrowable(() -> startInstance(client, processId, Map.of("large", "x".repeat(LIMIT + 1))));
    assertThat(thrown).isInstanceOf(ProblemException.class);
    ProblemException problem = (ProblemException) thrown;
    assertThat(problem.code()).isEqualTo(413);
    assertThat(problem.details().getTitle()).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(problem.details().getDetail()).contains("at most " + LIMIT + " bytes").contains("but it was longer");

    // a declared length over the limit: refused before anything is read
    String body = "{\"processDefinitionId\":\"" + processId + "\",\"variables\":{\"large\":\"" + "x".repeat(LIMIT) + "\"}}";
    HttpResponse<String> declared = http("POST", "/v2/process-instances", body, true);
    assertThat(declared.statusCode()).as(declared.body()).isEqualTo(413);
    assertThat(JSON.readTree(declared.body()).path("detail").asText())
        .contains("at most " + LIMIT + " bytes").contains("but it had " + body.length() + " bytes");

    // chunked from a plain HTTP client too
    HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + httpPort + "/v2/process-instances"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
    assertThat(chunked.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode chunkedProblem = JSON.readTree(chunked.body());
    assertThat(chunkedProblem.path("title").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(chunkedProblem.path("detail").asText()).contains("at most " + LIMIT + " bytes");

    assertThat(instancesOf(processId)).as("instances created by refused requests").isEmpty();
    assertEngineWorks(Transport.REST);
  }

  @Test
  void grpcMessageOverTheLimitIsRefusedWithResourceExhausted() {
    CamundaClient client = client(Transport.GRPC);
    String processId = uniqueId("payload", Transport.GRPC);
    deploy(client, oneTask(processId, processId));
    Throwable thrown = catchThrowable(() -> startInstance(client, processId, Map.of("large", "x".repeat(LIMIT + 1))));
    // grpc-java refuses the message before reading it, as Zeebe's gateway does
    assertThat(thrown).isInstanceOf(ClientStatusException.class);
    ClientStatusException status = (ClientStatusException) thrown;
    assertThat(status.getStatusCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(status.getStatus().getDescription()).contains("exceeds maximum size " + LIMIT);
    System.out.printf("%s: GRPC: over the limit: %s: %s%n", NAME, status.getStatusCode(),
        status.getStatus().getDescription());
    assertThat(instancesOf(processId)).as("instances created by refused requests").isEmpty();
    assertEngineWorks(Transport.GRPC);
  }

  @OverBothTransports
  void jsonNestedDeeperThanTheLimitIsRefusedAsInvalidArgument(Transport transport) throws Exception {
    CamundaClient client = client(transport);
    String processId = uniqueId("payload", transport);
    deploy(client, oneTask(processId, processId));
    // sent as raw text: the client's own JSON mapper would refuse it before sending
    String tooDeep = "{\"deep\":" + "[".repeat(1_000) + "]".repeat(1_000) + "}";
    String message;
    if (transport == Transport.REST) {
      HttpResponse<String> response = http("POST", "/v2/process-instances",
          "{\"processDefinitionId\":\"" + processId + "\",\"variables\":" + tooDeep + "}", true);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      JsonNode problem = JSON.readTree(response.body());
      assertThat(problem.path("title").asText()).isEqualTo("INVALID_ARGUMENT");
      message = problem.path("detail").asText();
    } else {
      Throwable thrown = catchThrowable(() -> rawGrpcCreate(processId, tooDeep));
      assertThat(thrown).isInstanceOf(StatusRuntimeException.class);
      StatusRuntimeException status = (StatusRuntimeException) thrown;
      assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      message = status.getStatus().getDescription();
    }
    System.out.printf("%s: %s: 1,001 levels: %s%n", NAME, transport, message);
    assertThat(message).contains("Expected").contains("nesting depth").contains("1000");
    assertThat(instancesOf(processId)).as("instances created by refused requests").isEmpty();

    // well within the limit: taken, handed to a worker and back whole
    String deep = "{\"deep\":" + "[".repeat(900) + "1" + "]".repeat(900) + "}";
    long key = client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion().variables(deep)
        .send().join().getProcessInstanceKey();
    ActivatedJob job = activateOne(client, processId);
    assertThat(job.getVariables().replace(" ", "")).contains("[".repeat(900) + "1" + "]".repeat(900));
    client.newCompleteCommand(job).variables(deep.replace("deep", "deeper")).send().join();
    awaitInstanceState(key, "COMPLETED");
    assertThat(rootVariables(key)).containsKey("deeper");
    assertEngineWorks(transport);
  }

  /** CreateProcessInstance over plain gRPC, with the variables document exactly as given. */
  private void rawGrpcCreate(String processId, String variables) throws InterruptedException {
    ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", grpc.port()).usePlaintext().build();
    try {
      Metadata headers = new Metadata();
      headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
          "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)));
      GatewayGrpc.newBlockingStub(channel)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
          .withDeadlineAfter(20, TimeUnit.SECONDS)
          .createProcessInstance(GatewayOuterClass.CreateProcessInstanceRequest.newBuilder()
              .setBpmnProcessId(processId).setVersion(-1).setVariables(variables).build());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @OverBothTransports
  void deploymentResourceOverItsLimitIsRefused(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("payload", transport);
    // a valid model made large by a comment: over the multipart limit of 1 MB per resource
    // (REST) or over the message limit (gRPC)
    int size = transport == Transport.REST ? 1_100_000 : LIMIT + 1;
    String xml = io.camunda.zeebe.model.bpmn.Bpmn.convertToString(oneTask(processId, processId))
        + "<!-- " + "x".repeat(size) + " -->";
    Throwable thrown = catchThrowable(() -> client.newDeployResourceCommand()
        .addResourceStringUtf8(xml, processId + ".bpmn").send().join());
    if (transport == Transport.REST) {
      assertThat(thrown).isInstanceOf(ProblemException.class);
      ProblemException problem = (ProblemException) thrown;
      assertThat(problem.code()).isEqualTo(413);
      System.out.printf("%s: REST: deployment over the limit: %d %s: %s%n", NAME, problem.code(),
          problem.details().getTitle(), problem.details().getDetail());
      assertThat(problem.details().getTitle()).isEqualTo("PAYLOAD_TOO_LARGE");
      assertThat(problem.details().getDetail()).contains("at most").contains("max-file-size");
    } else {
      assertThat(thrown).isInstanceOf(ClientStatusException.class);
      assertThat(((ClientStatusException) thrown).getStatusCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }
    assertEngineWorks(transport);
  }

  /** A normal instance runs through after the refusals. */
  private void assertEngineWorks(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("payload-after", transport);
    deploy(client, oneTask(processId, processId));
    long key = startInstance(client, processId, Map.of("small", 1));
    client.newCompleteCommand(activateOne(client, processId)).send().join();
    awaitInstanceState(key, "COMPLETED");
    assertThat(activate(client, processId, 1, Duration.ofMinutes(1), Duration.ofMillis(100))).isEmpty();
  }
}
