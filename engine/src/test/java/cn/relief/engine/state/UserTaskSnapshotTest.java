package cn.relief.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.relief.engine.EmbeddedPostgresTest;
import cn.relief.engine.Engine;
import cn.relief.engine.EngineConfiguration;
import cn.relief.engine.api.CommandRejectedException;
import cn.relief.engine.api.EngineApi.ActivateJobs;
import cn.relief.engine.api.EngineApi.ActivatedJob;
import cn.relief.engine.api.EngineApi.Corrections;
import cn.relief.engine.api.EngineApi.CreateProcessInstance;
import cn.relief.engine.api.EngineApi.JobResult;
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

  @Test
  void aChangeWaitingForItsListenersSurvivesARestartWithTheCorrectionsSoFar() throws Exception {
    EventLog log = new PostgresEventLog(dataSource(), json, 1);
    EngineConfiguration config = engineConfig(40, false);
    String model = Bpmn.convertToString(Bpmn.createExecutableProcess("snap-listeners")
        .startEvent().userTask("review", t -> t.zeebeUserTask()
            .zeebeTaskListener(l -> l.completing().type("snap-first"))
            .zeebeTaskListener(l -> l.completing().type("snap-second")))
        .endEvent().done());
    List<Long> taskKeys = new CopyOnWriteArrayList<>();

    try (Engine engine = Engine.start(config, log, json, records -> records.stream()
        .filter(r -> r.valueType() == ValueType.USER_TASK && "CREATED".equals(r.intent()))
        .map(Record::key).forEach(taskKeys::add))) {
      engine.deploy(List.of(new DeployResource("listeners.bpmn", model.getBytes(StandardCharsets.UTF_8))), null).join();
      for (int i = 0; i < 12; i++) {
        engine.createProcessInstance(new CreateProcessInstance("snap-listeners", -1, 0, Map.of("i", i), null)).join();
      }
      awaitTasks(taskKeys, 12);
      engine.completeUserTask(taskKeys.get(0), Map.of("approved", true), "complete");
      ActivatedJob first = activate(engine, "snap-first");
      engine.completeJob(first.key(), Map.of(),
          new JobResult(false, null, new Corrections(null, null, null, null, null, 90))).join();
      awaitSnapshot(log);
      // a change begun after the snapshot, so that the tail is replayed too
      engine.completeUserTask(taskKeys.get(1), Map.of(), "complete");
      activate(engine, "snap-first", Duration.ofMillis(500));
    }

    EventLog.StoredSnapshot snapshot = log.latestSnapshot().orElseThrow();
    byte[] fromSnapshot = RebuiltState.document(log, Optional.of(snapshot), json);
    byte[] fromWholeLog = RebuiltState.document(log, Optional.empty(), json);
    assertThat(new String(fromSnapshot, StandardCharsets.UTF_8))
        .contains("\"COMPLETING\"").isEqualTo(new String(fromWholeLog, StandardCharsets.UTF_8));

    try (Engine engine = Engine.start(config, log, json)) {
      // the task is still changing: other commands wait for the listeners to decide
      assertThat(rejection(() -> engine.assignUserTask(taskKeys.get(0), "carol", true, "assign").join()))
          .isEqualTo(RejectionType.INVALID_STATE);
      ActivatedJob second = activate(engine, "snap-second");
      assertThat(second.userTask().userTaskKey()).isEqualTo(taskKeys.get(0));
      assertThat(second.userTask().priority()).isEqualTo(90);
      engine.completeJob(second.key(), Map.of(), null).join();
      assertThat(rejection(() -> engine.completeUserTask(taskKeys.get(0), Map.of(), "complete").join()))
          .isEqualTo(RejectionType.NOT_FOUND);
      // the job activated before the restart times out with its worker gone, and comes back
      ActivatedJob again = activate(engine, "snap-first");
      assertThat(again.userTask().userTaskKey()).isEqualTo(taskKeys.get(1));
    }
  }

  private static ActivatedJob activate(Engine engine, String type) {
    return activate(engine, type, Duration.ofMinutes(5));
  }

  private static ActivatedJob activate(Engine engine, String type, Duration timeout) {
    List<ActivatedJob> jobs = engine.activateJobs(new ActivateJobs(type, "test", timeout, 1, null,
        Duration.ofSeconds(5), null)).join();
    assertThat(jobs).as("activated jobs of type %s", type).hasSize(1);
    return jobs.get(0);
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
