package cn.relief.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientConfiguration;
import io.camunda.client.CredentialsProvider;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit trail over HTTP with the user's credentials: its pages, and an engine without it. */
class AuditTrailClientTest {
  private final AuditTrailClient trail = new AuditTrailClient(new ObjectMapper());
  private final List<String> authorizations = new ArrayList<>();
  private final List<String> bodies = new ArrayList<>();
  private HttpServer server;
  private CamundaClient client;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    server.start();
    client = mock(CamundaClient.class);
    CamundaClientConfiguration configuration = mock(CamundaClientConfiguration.class);
    when(client.getConfiguration()).thenReturn(configuration);
    when(configuration.getRestAddress()).thenReturn(URI.create("http://localhost:" + server.getAddress().getPort() + "/"));
    when(configuration.getCredentialsProvider()).thenReturn(CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
        .username("sun.auditor").password("demo-2026").applyEnvironmentOverrides(false).build());
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void theEntriesOfAKeyAreReadPageByPageAsTheUser() {
    AtomicInteger calls = new AtomicInteger();
    server.createContext("/v2/relief/audit/search", exchange -> {
      authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String page = calls.incrementAndGet() == 1
          ? "{\"items\":[" + item(7, "COMPLETE_USER_TASK") + "],\"nextAfterSequence\":7}"
          : "{\"items\":[" + item(9, "COMPLETE_JOB") + "],\"nextAfterSequence\":null}";
      respond(exchange, 200, page);
    });

    TrailAnswer<List<AuditEntry>> answer = trail.entriesFor(client, List.of(42L));

    assertThat(answer.available()).isTrue();
    assertThat(answer.value()).extracting(AuditEntry::sequence).containsExactly(7L, 9L);
    AuditEntry first = answer.value().get(0);
    assertThat(first.callerId()).isEqualTo("li.caseworker");
    assertThat(first.targetKey("userTaskKey")).isEqualTo(2251799813685261L);
    assertThat(first.variables()).containsEntry("province", "广东省");
    assertThat(first.recordedAt()).hasToString("2026-11-30T01:00Z");
    assertThat(authorizations).allSatisfy(header -> assertThat(header).startsWith("Basic "));
    assertThat(bodies.get(0)).contains("\"targetKey\":42");
    assertThat(bodies.get(1)).contains("\"afterSequence\":7");
  }

  @Test
  void anEngineWithoutTheTrailIsSaidSoAndARefusalToo() {
    server.createContext("/v2/relief/audit/verification", exchange -> respond(exchange, 404, "{}"));
    server.createContext("/v2/relief/audit/search", exchange -> respond(exchange, 403, "{}"));

    assertThat(trail.verification(client).status()).isEqualTo(TrailAnswer.Status.ABSENT);
    assertThat(trail.entriesFor(client, List.of(1L)).status()).isEqualTo(TrailAnswer.Status.REFUSED);
    assertThat(TrailAnswer.none(TrailAnswer.Status.ABSENT).messageKey()).isEqualTo("audit.trail.absent");
  }

  @Test
  void theVerificationIsRead() {
    server.createContext("/v2/relief/audit/verification", exchange -> respond(exchange, 200,
        "{\"valid\":false,\"entriesChecked\":12,\"firstBrokenSequence\":12,\"problem\":\"entry 12 was altered\","
            + "\"anchorsChecked\":1}"));

    ChainVerification verification = trail.verification(client).value();

    assertThat(verification).isEqualTo(new ChainVerification(false, 12, 12L, "entry 12 was altered", 1));
  }

  private static String item(long sequence, String operation) {
    return "{\"sequence\":" + sequence + ",\"recordedAt\":\"2026-11-30T01:00:00Z\",\"callerId\":\"li.caseworker\","
        + "\"operation\":\"" + operation + "\",\"target\":{\"userTaskKey\":2251799813685261},"
        + "\"request\":{\"variables\":{\"province\":\"广东省\"}},\"outcome\":\"ACCEPTED\"}";
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
      throws java.io.IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
