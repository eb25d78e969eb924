package cn.relief.engine.batch;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.EmbeddedPostgresTest;
import cn.relief.engine.Engine;
import cn.relief.engine.EngineConfiguration;
import cn.relief.engine.api.EngineApi.CreateProcessInstance;
import cn.relief.engine.api.EngineApi.DeployResource;
import cn.relief.engine.history.HistoryProjector;
import cn.relief.engine.history.search.SqlSearch;
import cn.relief.engine.log.EventLog;
import cn.relief.engine.log.PostgresEventLog;
import cn.relief.engine.record.BatchOperationRecord;
import cn.relief.engine.state.BatchOperationState;
import cn.relief.engine.state.RebuiltState;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A batch keeps its place through a suspension and a restart: the runner (driven by hand here)
 * collects the items, part of them are done, the batch is held, the engine restarts, nothing runs
 * while it is held, and once let go the rest is done; no item twice, none lost.
 */
class BatchOperationRestartTest extends EmbeddedPostgresTest {
  private static final int CASES = 250;
  private final ObjectMapper json = new ObjectMapper();
  private final EngineConfiguration config = engineConfig(60, false);

  @Test
  void aSuspendedBatchResumesAfterARestartAndDoesEveryItemOnce() throws Exception {
    DataSource dataSource = dataSource();
    EventLog log = new PostgresEventLog(dataSource, json, 1);
    byte[] model = Bpmn.convertToString(Bpmn.createExecutableProcess("batch-restart").startEvent()
        .userTask("wait", t -> t.zeebeUserTask()).endEvent().done()).getBytes(StandardCharsets.UTF_8);
    long batchKey;
    try (HistoryProjector history = projector(dataSource);
        Engine engine = Engine.start(config, log, json, history::committed)) {
      engine.deploy(List.of(new DeployResource("restart.bpmn", model)), null).join();
      for (int i = 0; i < CASES; i++) {
        engine.createProcessInstance(new CreateProcessInstance("batch-restart", -1, 0, Map.of("i", i), null)).join();
      }
      BatchOperationRunner runner = new BatchOperationRunner(engine, new SqlSearch(dataSource, json), history);
      batchKey = engine.createBatchOperation(BatchOperationRecord.CANCEL_PROCESS_INSTANCE,
          Map.of("processDefinitionId", "batch-restart"), null).join();
      runner.runOnce(); // collects the items
      BatchOperationState.Batch batch = batch(engine, batchKey);
      assertThat(batch.initialized()).isTrue();
      assertThat(batch.total()).isEqualTo(CASES);
      assertThat(engine.executeBatchOperation(batchKey, 100).join()).isEqualTo(CASES - 100);
      engine.suspendBatchOperation(batchKey).join();
      runner.runOnce(); // held: nothing runs
      assertThat(batch(engine, batchKey).completed()).isEqualTo(100);
    }

    EventLog.StoredSnapshot snapshot = log.latestSnapshot().orElseThrow();
    assertThat(new String(RebuiltState.document(log, Optional.of(snapshot), json), StandardCharsets.UTF_8))
        .isEqualTo(new String(RebuiltState.document(log, Optional.empty(), json), StandardCharsets.UTF_8));

    try (HistoryProjector history = projector(dataSource);
        Engine engine = Engine.start(config, log, json, history::committed)) {
      BatchOperationRunner runner = new BatchOperationRunner(engine, new SqlSearch(dataSource, json), history);
      BatchOperationState.Batch batch = batch(engine, batchKey);
      assertThat(batch.status()).isEqualTo(BatchOperationState.Status.SUSPENDED);
      assertThat(batch.pending()).hasSize(CASES - 100);
      runner.runOnce();
      assertThat(batch(engine, batchKey).completed()).isEqualTo(100);
      engine.resumeBatchOperation(batchKey).join();
      runner.runOnce();
      assertThat(engine.runningBatchOperations()).isEmpty(); // ended
      assertThat(history.awaitPosition(engine.statistics().lastPosition(), Duration.ofSeconds(10))).isTrue();
    }
    assertThat(query(dataSource, "SELECT state || ' ' || total || ' ' || completed || ' ' || failed "
        + "FROM history_batch_operation WHERE batch_operation_key = " + batchKey)).containsExactly("COMPLETED 250 250 0");
    assertThat(query(dataSource, "SELECT count(*) FROM history_batch_operation_item WHERE batch_operation_key = "
        + batchKey + " AND state = 'COMPLETED'")).containsExactly("250");
    assertThat(query(dataSource, "SELECT state || ' ' || count(*) FROM history_process_instance "
        + "WHERE bpmn_process_id = 'batch-restart' GROUP BY state")).containsExactly("TERMINATED 250");
  }

  @Test
  void aBatchHeldBeforeItsItemsAreCollectedCollectsNothingUntilLetGo() throws Exception {
    DataSource dataSource = dataSource();
    EventLog log = new PostgresEventLog(dataSource, json, 1);
    byte[] model = Bpmn.convertToString(Bpmn.createExecutableProcess("batch-held").startEvent()
        .userTask("wait", t -> t.zeebeUserTask()).endEvent().done()).getBytes(StandardCharsets.UTF_8);
    try (HistoryProjector history = projector(dataSource);
        Engine engine = Engine.start(config, log, json, history::committed)) {
      engine.deploy(List.of(new DeployResource("held.bpmn", model)), null).join();
      for (int i = 0; i < 5; i++) {
        engine.createProcessInstance(new CreateProcessInstance("batch-held", -1, 0, Map.of("i", i), null)).join();
      }
      BatchOperationRunner runner = new BatchOperationRunner(engine, new SqlSearch(dataSource, json), history);
      long key = engine.createBatchOperation(BatchOperationRecord.CANCEL_PROCESS_INSTANCE,
          Map.of("processDefinitionId", "batch-held"), null).join();
      engine.suspendBatchOperation(key).join();
      runner.runOnce();
      assertThat(batch(engine, key).initialized()).isFalse();
      assertThat(batch(engine, key).total()).isZero();
      assertThat(history.awaitPosition(engine.statistics().lastPosition(), Duration.ofSeconds(10))).isTrue();
      assertThat(query(dataSource, "SELECT state FROM history_batch_operation WHERE batch_operation_key = " + key))
          .containsExactly("SUSPENDED");

      engine.resumeBatchOperation(key).join();
      runner.runOnce(); // collects
      runner.runOnce(); // does the items
      assertThat(engine.runningBatchOperations()).noneMatch(b -> b.key() == key);
      assertThat(history.awaitPosition(engine.statistics().lastPosition(), Duration.ofSeconds(10))).isTrue();
      assertThat(query(dataSource, "SELECT state || ' ' || completed FROM history_batch_operation "
          + "WHERE batch_operation_key = " + key)).containsExactly("COMPLETED 5");
    }
  }

  private static BatchOperationState.Batch batch(Engine engine, long key) {
    return engine.runningBatchOperations().stream().filter(b -> b.key() == key).findFirst().orElseThrow();
  }

  private HistoryProjector projector(DataSource dataSource) {
    HistoryProjector projector = new HistoryProjector(dataSource, new PostgresEventLog(dataSource, json, 1), json, 1);
    projector.start();
    return projector;
  }

  private static List<String> query(DataSource dataSource, String sql) throws Exception {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }
}
