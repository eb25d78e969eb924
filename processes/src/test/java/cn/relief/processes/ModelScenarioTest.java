package cn.relief.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cn.relief.engine.Engine;
import cn.relief.engine.EngineConfiguration;
import cn.relief.engine.log.PostgresEventLog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import cn.relief.engine.api.EngineApi.ActivateJobs;
import cn.relief.engine.api.EngineApi.ActivatedJob;
import cn.relief.engine.api.EngineApi.CreateProcessInstance;
import cn.relief.engine.api.EngineApi.DeployResource;
import cn.relief.engine.api.EngineApi.PublishMessage;
import cn.relief.engine.record.IncidentRecord;
import cn.relief.engine.record.ProcessInstanceRecord;
import cn.relief.engine.record.Record;
import cn.relief.engine.record.UserTaskRecord;
import cn.relief.engine.record.ValueType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;


/**
 * Runs the relief models on the project's engine, its event log in a real (embedded) PostgreSQL
 * emptied for every scenario, with every model, decision table and form of the modules deployed.
 * Workers are played by the test: it completes each job with what the worker would return.
 * Subclasses write the scenarios; the helpers fail with the elements passed so far.
 */
@SuppressWarnings("unchecked")
abstract class ModelScenarioTest {
  protected static final String TENANT = "<default>";
  private static final Duration WAIT = Duration.ofSeconds(10);

  protected final List<Record> records = new CopyOnWriteArrayList<>();
  private final Set<Long> completedTasks = new HashSet<>();
  protected Engine engine;
  protected long instance;

  /** The engine's event log lives in a real (embedded) PostgreSQL, emptied for every scenario. */
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  @BeforeEach
  void startEngineAndDeploy() throws Exception {
    DataSource dataSource = postgres.getPostgresDatabase();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    }
    PostgresEventLog.migrate(dataSource);
    EngineConfiguration defaults = EngineConfiguration.defaults();
    EngineConfiguration config = new EngineConfiguration(defaults.partitionId(), defaults.maxBatchSize(),
        defaults.maxQueuedCommands(), Duration.ofMillis(20), defaults.advertisedHost(), defaults.advertisedPort(),
        defaults.version(), defaults.snapshotInterval(), true);
    ObjectMapper json = new ObjectMapper();
    engine = Engine.start(config, new PostgresEventLog(dataSource, json, defaults.partitionId()), json,
        records::addAll);
    List<DeployResource> resources = new ArrayList<>();
    Models.bpmn().forEach((name, content) -> resources.add(new DeployResource(name, content)));
    Models.dmn().forEach((name, content) -> resources.add(new DeployResource(name, content)));
    Models.forms().forEach((name, content) -> resources.add(new DeployResource(name, content)));
    engine.deploy(resources, TENANT).get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopEngine() {
    engine.close();
  }

  /** Starts an instance of the latest version of the process; {@link #instance} is its key. */
  protected long start(String processId, Map<String, Object> variables) throws Exception {
    instance = engine.createProcessInstance(new CreateProcessInstance(processId, -1, -1, variables, TENANT))
        .get(5, TimeUnit.SECONDS).processInstanceKey();
    return instance;
  }

  /** Publishes a message as a worker or an outside party would (buffered for an hour). */
  protected void publish(String name, String correlationKey, Map<String, Object> variables) throws Exception {
    engine.publishMessage(new PublishMessage(name, correlationKey, Duration.ofHours(1), null, variables, TENANT))
        .get(5, TimeUnit.SECONDS);
  }

  /** Moves the engine's clock forward by the duration from now. */
  protected void advanceClock(Duration by) throws Exception {
    engine.pinClock(System.currentTimeMillis() + by.toMillis()).get(5, TimeUnit.SECONDS);
  }

  protected void complete(String elementId, Map<String, Object> variables) throws Exception {
    complete(elementId, variables, "caseworker");
  }

  /** Completes the open user task of the element, checking the candidate groups the model gives it. */
  protected void complete(String elementId, Map<String, Object> variables, String... groups) throws Exception {
    Record created = awaitRecord(r -> r.valueType() == ValueType.USER_TASK && r.intent().equals("CREATED")
        && ((UserTaskRecord) r.value()).elementId().equals(elementId) && !completedTasks.contains(r.key()));
    completedTasks.add(created.key());
    assertThat(((UserTaskRecord) created.value()).candidateGroups()).as(elementId).containsExactly(groups);
    completeTask(created.key(), variables);
  }

  /**
   * Completes the user task, approving the change for its task listeners as their workers would
   * when the data is right (a completion waits for them).
   */
  protected void completeTask(long taskKey, Map<String, Object> variables) throws Exception {
    var completion = engine.completeUserTask(taskKey, variables, "complete");
    long until = System.nanoTime() + WAIT.toNanos();
    while (!completion.isDone() && System.nanoTime() < until) {
      for (String type : LISTENER_TYPES) {
        for (ActivatedJob listener : engine.activateJobs(new ActivateJobs(type, "scenario-test", Duration.ofMinutes(5),
            10, null, Duration.ZERO, List.of(TENANT))).get(5, TimeUnit.SECONDS)) {
          engine.completeJob(listener.key(), Map.of()).get(5, TimeUnit.SECONDS);
        }
      }
      Thread.sleep(10);
    }
    completion.get(5, TimeUnit.SECONDS);
  }

  /** The job types of the models' task listeners. */
  private static final Set<String> LISTENER_TYPES = listenerTypes();

  private static Set<String> listenerTypes() {
    Set<String> types = new HashSet<>();
    Models.bpmn().values().forEach(content -> {
      var listeners = Models.dom(content).getElementsByTagNameNS(Models.ZEEBE, "taskListener");
      for (int i = 0; i < listeners.getLength(); i++) {
        types.add(((org.w3c.dom.Element) listeners.item(i)).getAttribute("type"));
      }
    });
    return types;
  }

  /** Takes the next job of the type, as its worker would, and completes it with the variables. */
  protected ActivatedJob job(String type, Map<String, Object> variables) throws Exception {
    long until = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < until) {
      List<ActivatedJob> jobs = engine.activateJobs(new ActivateJobs(type, "scenario-test", Duration.ofMinutes(5), 1,
          null, Duration.ZERO, List.of(TENANT))).get(5, TimeUnit.SECONDS);
      if (!jobs.isEmpty()) {
        engine.completeJob(jobs.get(0).key(), variables).get(5, TimeUnit.SECONDS);
        return jobs.get(0);
      }
      assertNoIncidents();
      Thread.sleep(20);
    }
    assertNoIncidents();
    return fail("expected a job of type '" + type + "', but none came; elements passed: " + passed());
  }

  /** Takes the next job of the type, as its worker would, and throws the BPMN error the worker raises. */
  protected ActivatedJob throwError(String type, String code, String message) throws Exception {
    long until = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < until) {
      List<ActivatedJob> jobs = engine.activateJobs(new ActivateJobs(type, "scenario-test", Duration.ofMinutes(5), 1,
          null, Duration.ZERO, List.of(TENANT))).get(5, TimeUnit.SECONDS);
      if (!jobs.isEmpty()) {
        engine.throwError(jobs.get(0).key(), code, message, Map.of()).get(5, TimeUnit.SECONDS);
        return jobs.get(0);
      }
      assertNoIncidents();
      Thread.sleep(20);
    }
    assertNoIncidents();
    return fail("expected a job of type '" + type + "', but none came; elements passed: " + passed());
  }

  /** Completes whatever jobs of the type turn up within a second. */
  protected void drainJobs(String type) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    while (System.nanoTime() < until) {
      for (ActivatedJob job : engine.activateJobs(new ActivateJobs(type, "scenario-test", Duration.ofMinutes(5), 10,
          null, Duration.ZERO, List.of(TENANT))).get(5, TimeUnit.SECONDS)) {
        engine.completeJob(job.key(), Map.of()).get(5, TimeUnit.SECONDS);
      }
      Thread.sleep(50);
    }
  }

  protected Record awaitRecord(Predicate<Record> match) throws InterruptedException {
    long until = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < until) {
      for (Record record : records) {
        if (match.test(record)) {
          return record;
        }
      }
      assertNoIncidents();
      Thread.sleep(20);
    }
    assertNoIncidents();
    return fail("expected a record that did not come; elements passed: " + passed());
  }

  protected void awaitCompleted(String processId) throws InterruptedException {
    awaitRecord(r -> r.valueType() == ValueType.PROCESS_INSTANCE && r.intent().equals("ELEMENT_COMPLETED")
        && r.key() == instance && ((ProcessInstanceRecord) r.value()).elementId().equals(processId));
    assertNoIncidents();
  }

  protected void assertNoIncidents() {
    List<String> incidents = records.stream()
        .filter(r -> r.valueType() == ValueType.INCIDENT && r.intent().equals("CREATED"))
        .map(r -> ((IncidentRecord) r.value()).elementId() + ": " + ((IncidentRecord) r.value()).errorMessage())
        .toList();
    assertThat(incidents).as("incidents").isEmpty();
  }

  /** The elements that completed (or, for boundary events, were triggered) so far, of any instance. */
  protected Set<String> passed() {
    Set<String> passed = new HashSet<>();
    for (Record record : records) {
      if (record.valueType() == ValueType.PROCESS_INSTANCE && record.intent().equals("ELEMENT_COMPLETED")) {
        passed.add(((ProcessInstanceRecord) record.value()).elementId());
      }
    }
    return passed;
  }
}

