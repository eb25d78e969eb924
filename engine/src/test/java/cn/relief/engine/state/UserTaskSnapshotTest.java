package cn.relief.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.relief.engine.EmbeddedPostgresTest;
import cn.relief.engine.Engine;
import cn.relief.engine.EngineConfiguration;
import cn.relief.engine.api.CommandRejectedException;
import cn.relief.engine.api.EngineApi.CreateProcessInstance;
import cn.relief.engine.api.EngineApi.DeployResource;
import cn.relief.engine.api.RejectionType;
import cn.relief.engine.log.EventLog;
import cn.relief.engine.log.PostgresEventLog;
import cn.relief.engine.record.Record;
import cn.relief.engine.record.ValueType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Open user tasks, with their assignees, are part of the snapshot and of the replayed state: after
 * a restart they can be completed, and a completed one is still gone.
 */
class UserTaskSnapshotTest extends EmbeddedPostgresTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void openUserTasksSurviveARestart() throws Exception {
    EventLog log = new PostgresEventLog(dataSource(), json, 1);
    EngineConfiguration config = engineConfig(40, false);
    String model = Bpmn.convertToString(Bpmn.createExecutableProcess("snap-tasks")
        .startEvent().userTask("review", t -> t.zeebeUserTask().zeebeCandidateGroups("caseworkers"))
        .endEvent().done());
    List<Long> taskKeys = new CopyOnWriteArrayList<>();

    try (Engine engine = Engine.start(config, log, json, records -> records.stream()
        .filter(r -> r.valueType() == ValueType.USER_TASK && "CREATED".equals(r.intent()))
        .map(Record::key).forEach(taskKeys::add))) {
      engine.deploy(List.of(new DeployResource("tasks.bpmn", model.getBytes(StandardCharsets.UTF_8))), null).join();
      for (int i = 0; i < 12; i++) {
        engine.createProcessInstance(new CreateProcessInstance("snap-tasks", -1, 0, Map.of("i", i), null)).join();
      }
      awaitTasks(taskKeys, 12);
      engine.assignUserTask(taskKeys.get(0), "alice", true, "assign").join();
      engine.completeUserTask(taskKeys.get(1), Map.of("approved", true), "complete").join();
      awaitSnapshot(log);
      // records after the snapshot, so that the tail is replayed too
      engine.assignUserTask(taskKeys.get(2), "bob", true, "assign").join();
    }

    EventLog.StoredSnapshot snapshot = log.latestSnapshot().orElseThrow();
    byte[] fromSnapshot = RebuiltState.document(log, Optional.of(snapshot), json);
    byte[] fromWholeLog = RebuiltState.document(log, Optional.empty(), json);
    assertThat(new String(fromSnapshot, StandardCharsets.UTF_8))
        .contains("\"userTasks\"").contains("alice")
        .isEqualTo(new String(fromWholeLog, StandardCharsets.UTF_8));

    try (Engine engine = Engine.start(config, log, json)) {
      assertThat(rejection(() -> engine.assignUserTask(taskKeys.get(0), "carol", false, "claim").join()))
          .isEqualTo(RejectionType.INVALID_STATE);
      assertThat(rejection(() -> engine.completeUserTask(taskKeys.get(1), Map.of(), "complete").join()))
          .isEqualTo(RejectionType.NOT_FOUND);
      for (int i = 2; i < taskKeys.size(); i++) {
        engine.completeUserTask(taskKeys.get(i), Map.of(), "complete").join();
      }
      engine.completeUserTask(taskKeys.get(0), Map.of(), "complete").join();
    }
  }

  private static RejectionType rejection(Runnable command) {
    Throwable thrown = catchThrowable(command::run);
    assertThat(thrown).isInstanceOf(CompletionException.class).hasCauseInstanceOf(CommandRejectedException.class);
    return ((CommandRejectedException) thrown.getCause()).type();
  }

  private static void awaitTasks(List<Long> keys, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (keys.size() < count) {
      assertThat(System.nanoTime()).as("%d user tasks created", count).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static void awaitSnapshot(EventLog log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (log.latestSnapshot().isEmpty()) {
      assertThat(System.nanoTime()).as("a snapshot was written").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
