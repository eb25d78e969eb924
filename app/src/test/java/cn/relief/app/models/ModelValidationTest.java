package cn.relief.app.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;

/**
 * The app's side of the engine's dry run, against a stand-in engine: the user's credentials go
 * along, the problems come back with their element ids, and an engine without the endpoint (a
 * Camunda 8 cluster) means "not checked", not an error.
 */
class ModelValidationTest {
  private HttpServer engine;
  private CamundaClient client;
  private final AtomicReference<String> authorization = new AtomicReference<>();
  private final AtomicReference<String> body = new AtomicReference<>();
  private volatile int status;
  private volatile String answer;

  @BeforeEach
  void start() throws Exception {
    engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    engine.createContext(ModelValidation.PATH, exchange -> {
      authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
      body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    engine.start();
    client = CamundaClient.newClientBuilder()
        .restAddress(URI.create("http://127.0.0.1:" + engine.getAddress().getPort()))
        .preferRestOverGrpc(true)
        .credentialsProvider(CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
            .username("zhang.policy").password("secret").applyEnvironmentOverrides(false).build())
        .build();
  }

  @AfterEach
  void stop() {
    client.close();
    engine.stop(0);
  }

  @Test
  void theProblemsComeBackWithTheirElementsAsTheUserAsked() {
    status = 200;
    answer = """
        {"valid": false, "problems": [
          {"resourceName": "p.bpmn", "elementId": "call", "message": "'p.bpmn': Element 'call' (servicetask): bad"},
          {"resourceName": "p.bpmn", "elementId": null, "message": "'p.bpmn': no start event"}]}
        """;

    ModelValidation.Validation validation = new ModelValidation(new ObjectMapper())
        .validate(client, new ModelResource("p.bpmn", "<definitions/>"));

    assertThat(validation.checked()).isTrue();
    assertThat(validation.valid()).isFalse();
    assertThat(validation.problems()).containsExactly(
        new ModelProblem("call", "Element 'call' (servicetask): bad"), new ModelProblem(null, "no start event"));
    assertThat(authorization.get()).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString("zhang.policy:secret".getBytes(StandardCharsets.UTF_8)));
    assertThat(body.get()).contains("name=\"resources\"; filename=\"p.bpmn\"", "<definitions/>");
  }

  @Test
  void anEngineWithoutTheDryRunLeavesTheModelUncheckedForTheDeploymentToReport() {
    status = 404;
    answer = "{}";
    ModelValidation.Validation validation = new ModelValidation(new ObjectMapper())
        .validate(client, new ModelResource("p.bpmn", "<definitions/>"));
    assertThat(validation.checked()).isFalse();
    assertThat(validation.problems()).isEmpty();
  }

  @Test
  void aRefusalIsAccessDenied() {
    status = 403;
    answer = "{}";
    assertThatThrownBy(() -> new ModelValidation(new ObjectMapper())
        .validate(client, new ModelResource("p.bpmn", "<definitions/>"))).isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void aResourceNameWithAPathOrAnotherKindIsRefused() {
    assertThatThrownBy(() -> new ModelResource("../p.bpmn", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ModelResource("p.exe", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ModelResource("p\".bpmn", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThat(new ModelResource("救助-1.dmn", "x").kind()).isEqualTo(ModelResource.Kind.DECISION);
  }
}
