package cn.relief.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.EmbeddedPostgresTest;
import cn.relief.engine.Engine;
import cn.relief.engine.EngineConfiguration;
import cn.relief.engine.api.EngineApi.ActivateJobs;
import cn.relief.engine.api.EngineApi.ActivatedJob;
import cn.relief.engine.api.EngineApi.CreateProcessInstance;
import cn.relief.engine.api.EngineApi.DecisionEvaluationInfo;
import cn.relief.engine.api.EngineApi.DeployResource;
import cn.relief.engine.api.EngineApi.EvaluateDecision;
import cn.relief.engine.api.EngineApi.PublishMessage;
import cn.relief.engine.log.EventLog;
import cn.relief.engine.log.PostgresEventLog;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A state restored from a snapshot plus the records after it is the same state that replaying the
 * whole log builds, and an engine started from it carries on.
 */
class StateSnapshotTest extends EmbeddedPostgresTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void snapshotPlusTailEqualsFullReplayAndTheEngineCarriesOn() throws Exception {
    EventLog log = new PostgresEventLog(dataSource(), json, 1);
    EngineConfiguration config = engineConfig(40, false);
    String model = Bpmn.convertToString(Bpmn.createExecutableProcess("snap")
        .startEvent().parallelGateway("fork")
        .serviceTask("a", t -> t.zeebeJobType("snap-a")).parallelGateway("join")
        .moveToNode("fork").serviceTask("b", t -> t.zeebeJobType("snap-b")).connectTo("join")
        .endEvent().done());

    try (Engine engine = Engine.start(config, log, json)) {
      engine.deploy(List.of(new DeployResource("snap.bpmn", model.getBytes(StandardCharsets.UTF_8))), null).join();
      // decisions, like processes, are rebuilt from their records, not from the snapshot
      engine.deploy(List.of(new DeployResource("aid.dmn", dmn("snap"))), null).join();
      for (int i = 0; i < 30; i++) {
        engine.createProcessInstance(new CreateProcessInstance("snap", -1, 0, Map.of("i", i, "name", "张三"), null))
            .join();
      }
      List<ActivatedJob> jobsA = activate(engine, "snap-a", 20);
      for (int i = 0; i < 10; i++) {
        engine.completeJob(jobsA.get(i).key(), Map.of("result", i)).join();
      }
      engine.failJob(jobsA.get(10).key(), 0, "outside system down", Duration.ZERO, Map.of()).join();
      engine.failJob(jobsA.get(11).key(), 2, "retry later", Duration.ofHours(1), Map.of()).join();
      engine.publishMessage(new PublishMessage("found", "case-1", Duration.ofHours(1), "m-1", Map.of(), null)).join();
      awaitSnapshot(log);
      // more records after the snapshot, so that the tail is replayed too
      List<ActivatedJob> jobsB = activate(engine, "snap-b", 10);
      for (ActivatedJob job : jobsB) {
        engine.completeJob(job.key(), Map.of()).join();
      }
    }

    EventLog.StoredSnapshot snapshot = log.latestSnapshot().orElseThrow();
    byte[] fromSnapshot = RebuiltState.document(log, Optional.of(snapshot), json);
    byte[] fromWholeLog = RebuiltState.document(log, Optional.empty(), json);
    assertThat(snapshot.position()).isGreaterThan(0);
    assertThat(new String(fromSnapshot, StandardCharsets.UTF_8))
        .isEqualTo(new String(fromWholeLog, StandardCharsets.UTF_8));

    // an engine started from the snapshot finishes the ten instances whose both branches are done
    try (Engine engine = Engine.start(config, log, json)) {
      assertThat(engine.statistics().incidents()).isEqualTo(1);
      DecisionEvaluationInfo evaluation = engine.evaluateDecision(new EvaluateDecision(
          "snap-first-contact", 0, Map.of("region", "north"), null)).join();
      assertThat(evaluation.decisionOutput()).isEqualTo("\"North relief station\"");
      List<ActivatedJob> remainingA = activate(engine, "snap-a", 50);
      // 30 created, 20 activated (still within their 5 minute timeout): the 10 never activated remain
      assertThat(remainingA).hasSize(10);
      for (ActivatedJob job : remainingA) {
        engine.completeJob(job.key(), Map.of()).join();
      }
      List<ActivatedJob> remainingB = activate(engine, "snap-b", 50);
      assertThat(remainingB).hasSize(20);
    }
  }

  private static List<ActivatedJob> activate(Engine engine, String type, int max) {
    return engine.activateJobs(new ActivateJobs(type, "test", Duration.ofMinutes(5), max, List.of(), Duration.ZERO,
        List.of())).join();
  }

  private static byte[] dmn(String prefix) throws IOException {
    try (InputStream in = StateSnapshotTest.class.getClassLoader().getResourceAsStream("dmn/relief-aid.dmn")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("ID_PREFIX", prefix)
          .getBytes(StandardCharsets.UTF_8);
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
