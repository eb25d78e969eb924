package cn.relief.engine.history;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.EmbeddedPostgresTest;
import cn.relief.engine.Engine;
import cn.relief.engine.EngineConfiguration;
import cn.relief.engine.api.EngineApi.ActivateJobs;
import cn.relief.engine.api.EngineApi.ActivatedJob;
import cn.relief.engine.api.EngineApi.CreateProcessInstance;
import cn.relief.engine.api.EngineApi.DeployResource;
import cn.relief.engine.api.EngineApi.UserTaskChanges;
import cn.relief.engine.log.PostgresEventLog;
import cn.relief.engine.record.ValueType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The history is a projection of the log: emptied and projected again it is the same, row for row,
 * whether its tables are empty (rows written with COPY) or still hold some rows (those skipped).
 */
class HistoryRebuildTest extends EmbeddedPostgresTest {
  private static final List<String> TABLES = List.of("history_process_definition", "history_process_instance",
      "history_element_instance", "history_sequence_flow", "history_variable", "history_variable_change",
      "history_incident", "history_job", "history_message_subscription", "history_correlated_message",
      "history_user_task");
  private final ObjectMapper json = new ObjectMapper();
  private final EngineConfiguration config = engineConfig(0, false);

  @Test
  void projectingTheLogAgainGivesTheSameHistory() throws Exception {
    DataSource dataSource = dataSource();
    Map<String, List<String>> original;
    List<Long> taskKeys = new CopyOnWriteArrayList<>();
    try (HistoryProjector projector = projector(dataSource);
        Engine engine = Engine.start(config, new PostgresEventLog(dataSource, json, 1), json, records -> {
          projector.committed(records);
          records.stream().filter(r -> r.valueType() == ValueType.USER_TASK && "CREATED".equals(r.intent()))
              .forEach(r -> taskKeys.add(r.key()));
        })) {
      runCases(engine);
      runUserTasks(engine, taskKeys);
      awaitProjected(projector, engine.statistics().lastPosition());
      original = history(dataSource);
    }
    assertThat(original.get("history_process_instance")).hasSize(8);
    assertThat(original.get("history_user_task")).hasSize(3)
        .anyMatch(row -> row.contains("state=COMPLETED") && row.contains("candidate_users=[\"张三\",\"li\\tsi\"]"))
        .anyMatch(row -> row.contains("state=CREATED") && row.contains("assignee=王五"))
        .anyMatch(row -> row.contains("state=CANCELED"));
    assertThat(original.get("history_incident")).hasSize(1);
    // three names changed: each change kept with the value before it; unchanged variables only in their row
    List<String> changes = original.get("history_variable_change");
    assertThat(changes).hasSize(6);
    assertThat(changes).filteredOn(row -> row.contains("intent=CREATED")).hasSize(3)
        .allMatch(row -> row.contains("张三"));
    assertThat(changes).filteredOn(row -> row.contains("intent=UPDATED")).hasSize(3)
        .allMatch(row -> row.contains("李四"));

    // emptied: written again with COPY
    execute(dataSource, "TRUNCATE " + String.join(", ", TABLES) + "; DELETE FROM history_position");
    assertThat(projectAgain(dataSource)).isEqualTo(original);

    // some rows left (a partial clean-up): those are skipped, the others written. Counters are only
    // right when their rows are projected afresh, so instance rows go too.
    execute(dataSource, "DELETE FROM history_element_instance WHERE element_instance_key % 2 = 0; "
        + "DELETE FROM history_variable_change WHERE position % 3 = 0; DELETE FROM history_process_instance; "
        + "DELETE FROM history_user_task WHERE user_task_key % 2 = 0; "
        + "DELETE FROM history_position");
    assertThat(projectAgain(dataSource)).isEqualTo(original);
  }

  private Map<String, List<String>> projectAgain(DataSource dataSource) throws Exception {
    try (HistoryProjector projector = projector(dataSource)) {
      long last;
      try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT max(position) FROM engine_record")) {
        rows.next();
        last = rows.getLong(1);
      }
      awaitProjected(projector, last);
      return history(dataSource);
    }
  }

  private HistoryProjector projector(DataSource dataSource) {
    HistoryProjector projector = new HistoryProjector(dataSource, new PostgresEventLog(dataSource, json, 1), json, 1);
    projector.start();
    return projector;
  }

  /** Five cases of a job-based process: two completed, one with an incident, two waiting, with variables changed on the way. */
  private void runCases(Engine engine) {
    byte[] model = Bpmn.convertToString(Bpmn.createExecutableProcess("rebuild").startEvent()
        .serviceTask("register", t -> t.zeebeJobType("rebuild-register"))
        .serviceTask("check", t -> t.zeebeJobType("rebuild-check")).endEvent().done())
        .getBytes(StandardCharsets.UTF_8);
    engine.deploy(List.of(new DeployResource("rebuild.bpmn", model)), null).join();
    for (int i = 0; i < 5; i++) {
      engine.createProcessInstance(new CreateProcessInstance("rebuild", -1, 0,
          Map.of("name", "张三\t" + i, "note", "line\\n" + i), null)).join();
    }
    List<ActivatedJob> jobs = engine.activateJobs(new ActivateJobs("rebuild-register", "w", Duration.ofMinutes(5), 5,
        null, Duration.ZERO, null)).join();
    assertThat(jobs).hasSize(5);
    for (int i = 0; i < 3; i++) {
      engine.completeJob(jobs.get(i).key(), Map.of("registered", true, "name", "李四 " + i)).join();
    }
    List<ActivatedJob> checks = engine.activateJobs(new ActivateJobs("rebuild-check", "w", Duration.ofMinutes(5), 3,
        null, Duration.ZERO, null)).join();
    engine.completeJob(checks.get(0).key(), Map.of()).join();
    engine.completeJob(checks.get(1).key(), Map.of()).join();
    engine.failJob(checks.get(2).key(), 0, "no answer from the police system", null, Map.of()).join();
  }

  /** Three user tasks: one completed after an update, one assigned, one canceled with its instance. */
  private static void runUserTasks(Engine engine, List<Long> taskKeys) throws InterruptedException {
    byte[] model = Bpmn.convertToString(Bpmn.createExecutableProcess("rebuild-tasks").startEvent()
        .userTask("review", t -> t.zeebeUserTask().zeebeCandidateGroups("caseworkers")).endEvent().done())
        .getBytes(StandardCharsets.UTF_8);
    engine.deploy(List.of(new DeployResource("rebuild-tasks.bpmn", model)), null).join();
    List<Long> instances = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      instances.add(engine.createProcessInstance(new CreateProcessInstance("rebuild-tasks", -1, 0, Map.of(), null))
          .join().processInstanceKey());
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (taskKeys.size() < 3) {
      assertThat(System.nanoTime()).as("three user tasks created").isLessThan(deadline);
      Thread.sleep(10);
    }
    engine.updateUserTask(taskKeys.get(0), new UserTaskChanges("2027-01-01T09:00:00+08:00", null,
        List.of("张三", "li\tsi"), null, 70), "update").join();
    engine.completeUserTask(taskKeys.get(0), Map.of("approved", true), "complete").join();
    engine.assignUserTask(taskKeys.get(1), "王五", true, "assign").join();
    engine.cancelProcessInstance(instances.get(2)).join();
  }

  private static void awaitProjected(HistoryProjector projector, long position) throws InterruptedException {
    assertThat(projector.awaitPosition(position, Duration.ofSeconds(20))).as("projected up to %d", position).isTrue();
  }

  /** Every row of every history table as text, in key order. */
  private static Map<String, List<String>> history(DataSource dataSource) throws Exception {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
          ResultSetMetaData columns = result.getMetaData();
          while (result.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
              row.append(columns.getColumnName(i)).append('=').append(result.getString(i)).append(' ');
            }
            rows.add(row.toString());
          }
        }
        tables.put(table, rows);
      }
    }
    return tables;
  }

  private static void execute(DataSource dataSource, String sql) throws Exception {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
