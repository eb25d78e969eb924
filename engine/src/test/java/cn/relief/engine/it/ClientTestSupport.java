package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.relief.engine.gateway.grpc.GrpcGatewayServer;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the client-driven integration tests share: one Spring context with the engine (PostgreSQL
 * embedded), real Camunda clients over REST or gRPC, unique ids, and rejection assertions.
 *
 * <p>All test classes extend this one with the same configuration, so Spring starts the engine
 * once for the whole suite. Every test therefore uses its own process ids and job types (see
 * {@link #uniqueId}): a long poll left behind by one test must never take another test's job.
 */
@SpringBootTest(classes = TestEngineApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ClientTestSupport {

  /** The client's two ways of talking to the engine. */
  enum Transport {
    REST,
    GRPC;

    boolean preferRest() {
      return this == REST;
    }
  }

  /** Runs a test once with a REST client and once with a gRPC client. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ParameterizedTest(name = "{0}")
  @EnumSource(Transport.class)
  @interface OverBothTransports {}

  /** An open incident as the engine's event log holds it (there is no incident search API yet). */
  record Incident(long key, String errorType, String errorMessage, String elementId, long jobKey) {}

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @LocalServerPort int httpPort;
  @Autowired GrpcGatewayServer grpc;
  @Autowired DataSource dataSource;

  private final List<CamundaClient> openedClients = new ArrayList<>();

  @AfterEach
  void closeClients() {
    openedClients.forEach(CamundaClient::close);
    openedClients.clear();
  }

  CamundaClient client(Transport transport) {
    return client(transport, "demo", "demo");
  }

  CamundaClient client(Transport transport, String user, String password) {
    CamundaClient client = EngineClients.client(httpPort, grpc.port(), transport.preferRest(), user, password);
    openedClients.add(client);
    return client;
  }

  /** A plain HTTP request to the engine's REST API, as user demo when {@code authenticated}. */
  HttpResponse<String> http(String method, String path, String body, boolean authenticated) throws Exception {
    return authenticated ? http(method, path, body, "demo", "demo") : http(method, path, body, null, null);
  }

  /** A plain HTTP request to the engine's REST API as the given user (none when {@code user} is null). */
  HttpResponse<String> http(String method, String path, String body, String user, String password) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      request.header("Authorization",
          "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** An id no other test (or the other transport's run of the same test) uses; a valid BPMN id. */
  static String uniqueId(String base, Transport transport) {
    return base + "-" + transport.name().toLowerCase(Locale.ROOT) + "-" + SEQUENCE.incrementAndGet();
  }

  // ---- models and deployment ------------------------------------------------------------------

  /** start -> service task "task" of {@code jobType} -> end. */
  static BpmnModelInstance oneTask(String processId, String jobType) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent("start")
        .serviceTask("task", t -> t.zeebeJobType(jobType))
        .endEvent("end")
        .done();
  }

  static Process deploy(CamundaClient client, BpmnModelInstance model) {
    String processId = model.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Process.class)
        .iterator().next().getId();
    DeploymentEvent deployment = client.newDeployResourceCommand()
        .addProcessModel(model, processId + ".bpmn")
        .send()
        .join();
    assertThat(deployment.getProcesses()).hasSize(1);
    return deployment.getProcesses().get(0);
  }

  /** The test DMN model {@code dmn/relief-aid.dmn} with its ids prefixed by {@code prefix}. */
  static String reliefAidDmn(String prefix) {
    try (var in = ClientTestSupport.class.getResourceAsStream("/dmn/relief-aid.dmn")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replace("ID_PREFIX", prefix);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static long startInstance(CamundaClient client, String processId, Map<String, Object> variables) {
    return client.newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  // ---- jobs -----------------------------------------------------------------------------------

  /** Activates up to {@code max} jobs, long polling up to {@code requestTimeout}. */
  static List<ActivatedJob> activate(CamundaClient client, String jobType, int max, Duration jobTimeout,
      Duration requestTimeout) {
    return client.newActivateJobsCommand()
        .jobType(jobType)
        .maxJobsToActivate(max)
        .timeout(jobTimeout)
        .requestTimeout(requestTimeout)
        .send()
        .join()
        .getJobs();
  }

  /** Activates the one job of a type that is expected to be (or become within 5 s) activatable. */
  static ActivatedJob activateOne(CamundaClient client, String jobType) {
    return activateOne(client, jobType, Duration.ofMinutes(1));
  }

  static ActivatedJob activateOne(CamundaClient client, String jobType, Duration jobTimeout) {
    List<ActivatedJob> jobs = activate(client, jobType, 1, jobTimeout, Duration.ofSeconds(5));
    assertThat(jobs).as("activated jobs of type '%s'", jobType).hasSize(1);
    return jobs.get(0);
  }

  /** Asserts that no job of the type is activatable, waiting {@code wait} for one to show up. */
  static void assertNoActivatableJob(CamundaClient client, String jobType, Duration wait) {
    List<ActivatedJob> jobs = activate(client, jobType, 10, Duration.ofMinutes(1), wait);
    assertThat(jobs).as("activatable jobs of type '%s'", jobType).isEmpty();
  }

  // ---- the history (projected after the commit, so read with patience) -------------------------

  /** Repeats a query until its answer meets {@code until} (within 5 s) and returns that answer. */
  static <T> T eventually(java.util.function.Supplier<T> query, java.util.function.Predicate<T> until) {
    return Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
        .until(query::get, until);
  }

  // ---- incidents from the event log -----------------------------------------------------------

  /** Waits for the single open incident of a process instance and returns it. */
  Incident awaitOpenIncident(long processInstanceKey) {
    return Awaitility.await("open incident of process instance " + processInstanceKey)
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> openIncidents(processInstanceKey), list -> list.size() == 1)
        .get(0);
  }

  /** Incidents of the instance that were created and not resolved, oldest first. */
  List<Incident> openIncidents(long processInstanceKey) {
    String sql = """
        SELECT c.record_key, c.value::jsonb->>'errorType', c.value::jsonb->>'errorMessage', c.value::jsonb->>'elementId',
               (c.value::jsonb->>'jobKey')::bigint
          FROM engine_record c
         WHERE c.value_type = 'INCIDENT' AND c.intent = 'CREATED' AND c.record_type = 'EVENT'
           AND (c.value::jsonb->>'processInstanceKey')::bigint = ?
           AND NOT EXISTS (SELECT 1 FROM engine_record r
                            WHERE r.value_type = 'INCIDENT' AND r.intent = 'RESOLVED'
                              AND r.record_key = c.record_key)
         ORDER BY c.position
        """;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, processInstanceKey);
      List<Incident> incidents = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          incidents.add(new Incident(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
              rows.getLong(5)));
        }
      }
      return incidents;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read incidents from the event log", e);
    }
  }

  // ---- the path of an instance, from the event log ---------------------------------------------

  /** "elementId:INTENT" of every element lifecycle event of the instance (no sequence flows), in order. */
  List<String> elementEvents(long processInstanceKey) {
    String sql = """
        SELECT value::jsonb->>'elementId', intent FROM engine_record
         WHERE value_type = 'PROCESS_INSTANCE' AND record_type = 'EVENT' AND intent <> 'SEQUENCE_FLOW_TAKEN'
           AND (value::jsonb->>'processInstanceKey')::bigint = ?
         ORDER BY position
        """;
    List<String> events = new ArrayList<>();
    query(sql, processInstanceKey, rows -> events.add(rows.getString(1) + ":" + rows.getString(2)));
    return events;
  }

  /** Ids of the elements of the instance that completed, in order. */
  List<String> completedElements(long processInstanceKey) {
    return elementEvents(processInstanceKey).stream()
        .filter(e -> e.endsWith(":ELEMENT_COMPLETED")).map(e -> e.substring(0, e.indexOf(':'))).toList();
  }

  /** Ids of the elements of the instance that were terminated, in order. */
  List<String> terminatedElements(long processInstanceKey) {
    return elementEvents(processInstanceKey).stream()
        .filter(e -> e.endsWith(":ELEMENT_TERMINATED")).map(e -> e.substring(0, e.indexOf(':'))).toList();
  }

  /** The instance's state from the log: ACTIVE, COMPLETED or TERMINATED. */
  String instanceState(long processInstanceKey) {
    String sql = """
        SELECT intent FROM engine_record
         WHERE value_type = 'PROCESS_INSTANCE' AND record_type = 'EVENT' AND record_key = ?
           AND intent IN ('ELEMENT_COMPLETED', 'ELEMENT_TERMINATED')
        """;
    List<String> ends = new ArrayList<>();
    query(sql, processInstanceKey, rows -> ends.add(rows.getString(1)));
    return ends.isEmpty() ? "ACTIVE" : ends.get(0).replace("ELEMENT_", "");
  }

  void awaitInstanceState(long processInstanceKey, String state) {
    Awaitility.await("process instance " + processInstanceKey + " " + state)
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> instanceState(processInstanceKey), state::equals);
  }

  /** The latest value of each variable of the instance's root scope, as JSON text. */
  Map<String, String> rootVariables(long processInstanceKey) {
    String sql = """
        SELECT value::jsonb->>'name', value::jsonb->>'value' FROM engine_record
         WHERE value_type = 'VARIABLE' AND record_type = 'EVENT'
           AND (value::jsonb->>'scopeKey')::bigint = ?
         ORDER BY position
        """;
    Map<String, String> variables = new java.util.LinkedHashMap<>();
    query(sql, processInstanceKey, rows -> variables.put(rows.getString(1), rows.getString(2)));
    return variables;
  }

  /** Keys of process instances of a process id, oldest first. */
  List<Long> instancesOf(String bpmnProcessId) {
    String sql = """
        SELECT record_key FROM engine_record
         WHERE value_type = 'PROCESS_INSTANCE' AND record_type = 'EVENT' AND intent = 'ELEMENT_ACTIVATING'
           AND value::jsonb->>'bpmnElementType' = 'PROCESS' AND value::jsonb->>'bpmnProcessId' = ?
         ORDER BY position
        """;
    List<Long> keys = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, bpmnProcessId);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          keys.add(rows.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return keys;
  }

  private interface RowReader {
    void read(ResultSet rows) throws SQLException;
  }

  /** The first column of every row a query over the engine's tables answers, as numbers. */
  List<Long> longs(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      List<Long> result = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          result.add(rows.getLong(1));
        }
      }
      return result;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void query(String sql, long key, RowReader reader) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, key);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          reader.read(rows);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the event log", e);
    }
  }

  // ---- rejections -----------------------------------------------------------------------------

  /**
   * Asserts that a client call is refused with the given gRPC status (gRPC) or HTTP status (REST),
   * and that the message says what was expected and what was found, containing every fragment.
   * Returns the message.
   */
  static String assertRejected(Transport transport, ThrowingCallable call, Status.Code grpcCode, int httpStatus,
      String... messageFragments) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("the call's failure").isNotNull();
    String message;
    if (transport == Transport.REST) {
      assertThat(thrown).isInstanceOf(ProblemException.class);
      ProblemException problem = (ProblemException) thrown;
      assertThat(problem.code()).as("HTTP status of %s", problem.details()).isEqualTo(httpStatus);
      assertThat(problem.details()).as("problem detail").isNotNull();
      assertThat(problem.details().getStatus()).isEqualTo(httpStatus);
      message = problem.details().getDetail();
    } else {
      assertThat(thrown).isInstanceOf(ClientStatusException.class);
      ClientStatusException status = (ClientStatusException) thrown;
      assertThat(status.getStatusCode()).as("gRPC status of %s", status.getStatus()).isEqualTo(grpcCode);
      message = status.getStatus().getDescription();
    }
    // every refusal says what was expected and what was found
    assertThat(message).as("rejection message").isNotNull().contains("Expected").contains(", but ");
    for (String fragment : messageFragments) {
      assertThat(message).as("rejection message").contains(fragment);
    }
    return message;
  }
}
