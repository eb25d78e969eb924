package cn.relief.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.relief.app.AppIT;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * People work through the web application: with their own password alone the engine's REST and
 * gRPC APIs do not admit them (a right password answered as a wrong one, so the API is no way
 * round the login's lock-out, and no oracle for it); the application acting for them does.
 */
@AppIT
class EngineApiDelegationIT {
  @Value("${server.port}") int httpPort;
  @Value("${relief.engine.grpc.port}") int grpcPort;
  @Autowired DelegationHeader delegation;
  @Autowired UserEngineClients userClients;

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aCaseworkersPasswordAloneDoesNotOpenTheRestApi() throws Exception {
    assertThat(status("/v2/topology", "chen.caseworker", "demo-2026", null)).isEqualTo(401);
    assertThat(status("/v2/topology", "chen.caseworker", "wrong-password", null)).isEqualTo(401);
    assertThat(status("/v2/topology", "sun.auditor", "demo-2026", "not-the-token")).isEqualTo(401);
    // the application's own account and technical users are not people: admitted as before
    assertThat(status("/v2/topology", "demo", "demo", null)).isEqualTo(200);
    // with the application's token the person is admitted, and only with the right password
    assertThat(delegation.isNone()).isFalse();
    assertThat(status("/v2/topology", "chen.caseworker", "demo-2026", delegation.value())).isEqualTo(200);
    assertThat(status("/v2/topology", "chen.caseworker", "wrong-password", delegation.value())).isEqualTo(401);
  }

  @Test
  void norTheGrpcGatewayButTheApplicationActsForThem() {
    try (CamundaClient direct = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://localhost:" + grpcPort)).restAddress(URI.create("http://localhost:" + httpPort))
        .preferRestOverGrpc(false)
        .credentialsProvider(CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
            .username("li.caseworker").password("demo-2026").applyEnvironmentOverrides(false).build())
        .build()) {
      assertThatThrownBy(() -> direct.newTopologyRequest().send().join()).hasMessageContaining("credentials were not accepted");
    }
    try (CamundaClient acting = userClients.open("li.caseworker", "demo-2026")) {
      assertThat(acting.newTopologyRequest().send().join().getBrokers()).isNotEmpty();
    }
  }

  private int status(String path, String username, String password, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    if (token != null) {
      request.header(delegation.name(), token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
