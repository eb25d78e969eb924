package cn.relief.engine.it;

import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientBuilder;
import io.camunda.client.CredentialsProvider;
import java.net.URI;
import java.time.Duration;

/** Builds real Camunda clients against the engine under test. */
final class EngineClients {
  private EngineClients() {}

  static CamundaClient client(int httpPort, int grpcPort, boolean preferRest) {
    return client(httpPort, grpcPort, preferRest, "demo", "demo");
  }

  static CamundaClient client(int httpPort, int grpcPort, boolean preferRest, String user, String password) {
    return builder(httpPort, grpcPort, preferRest, user, password).build();
  }

  /** A client builder as {@link #client} configures it, for a test that needs more (e.g. worker threads). */
  static CamundaClientBuilder builder(int httpPort, int grpcPort, boolean preferRest, String user, String password) {
    return CamundaClient.newClientBuilder()
        .restAddress(URI.create("http://localhost:" + httpPort))
        .grpcAddress(URI.create("http://localhost:" + grpcPort))
        .preferRestOverGrpc(preferRest)
        .credentialsProvider(CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
            .username(user).password(password).build())
        .defaultRequestTimeout(Duration.ofSeconds(20));
  }
}
