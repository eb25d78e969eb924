package cn.relief.engine.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The engine in a JVM of its own, so that a test can kill it like a power cut (SIGKILL, no
 * shutdown hook) and start it again on the same database and ports.
 */
final class EngineProcess implements AutoCloseable {
  private final String jdbcUrl;
  private final int httpPort = freePort();
  private final int grpcPort = freePort();
  private final Path logFile;
  private final List<String> extraArguments;
  private Process process;

  /** {@code extraArguments}: more Spring Boot arguments ({@code --name=value}) for every start. */
  EngineProcess(String jdbcUrl, Path logFile, String... extraArguments) {
    this.jdbcUrl = jdbcUrl;
    this.logFile = logFile;
    this.extraArguments = List.of(extraArguments);
  }

  int httpPort() {
    return httpPort;
  }

  int grpcPort() {
    return grpcPort;
  }

  void start() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        TestEngineApplication.class.getName(),
        "--spring.datasource.url=" + jdbcUrl,
        "--spring.datasource.username=postgres",
        "--server.port=" + httpPort,
        "--relief.engine.grpc.port=" + grpcPort,
        // snapshots every few hundred records, so that kills also hit restarts from a snapshot
        "--relief.engine.snapshot-interval=300",
        "--spring.flyway.enabled=false"));
    command.addAll(extraArguments);
    File log = logFile.toFile();
    log.getParentFile().mkdirs();
    process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
        .start();
  }

  /** Waits until the engine answers a topology request. */
  void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (CamundaClient client = EngineClients.client(httpPort, grpcPort, true)) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("The engine process exited with " + process.exitValue() + "; see " + logFile);
        }
        try {
          client.newTopologyRequest().send().join(2, java.util.concurrent.TimeUnit.SECONDS);
          return;
        } catch (RuntimeException notYet) {
          Thread.sleep(200);
        }
      }
    }
    throw new IllegalStateException("The engine did not become ready within " + timeout + "; see " + logFile);
  }

  /** {@code GET /v2/relief/audit/verification} as the administrator: the audit chain's verification. */
  JsonNode auditVerification() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://localhost:" + httpPort + "/v2/relief/audit/verification"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            "demo:demo".getBytes(StandardCharsets.UTF_8)))
        .timeout(Duration.ofMinutes(2))
        .GET().build();
    HttpResponse<String> response = HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("audit verification answered " + response.statusCode() + ": " + response.body());
    }
    return new ObjectMapper().readTree(response.body());
  }

  /** Kills the process at once (SIGKILL): nothing is flushed, no shutdown hook runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
