package cn.relief.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.EmbeddedPostgresTest;
import cn.relief.engine.Engine;
import cn.relief.engine.EngineConfiguration;
import cn.relief.engine.api.EngineApi.CreateProcessInstance;
import cn.relief.engine.api.EngineApi.DeployResource;
import cn.relief.engine.api.EngineApi.PublishMessage;
import cn.relief.engine.log.EventLog;
import cn.relief.engine.log.PostgresEventLog;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Timers, message and signal subscriptions, buffered messages and a pinned clock survive a restart
 * (from a snapshot and the records after it), and the restored state equals a full replay.
 */
class EventSubscriptionRestartTest extends EmbeddedPostgresTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void waitingInstancesCarryOnAfterARestart() throws Exception {
    EventLog log = new PostgresEventLog(dataSource(), json, 1);
    EngineConfiguration config = engineConfig(30, true);
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(1, ChronoUnit.DAYS);
    try (Engine engine = Engine.start(config, log, json)) {
      engine.pinClock(t0.toEpochMilli()).join();
      deploy(engine, "timer", Bpmn.createExecutableProcess("timer").startEvent()
          .intermediateCatchEvent("wait").timerWithDuration("P1D").endEvent().done());
      deploy(engine, "message", Bpmn.createExecutableProcess("message").startEvent()
          .intermediateCatchEvent("reply").message(m -> m.name("reply").zeebeCorrelationKeyExpression("k"))
          .endEvent().done());
      deploy(engine, "signal", Bpmn.createExecutableProcess("signal").startEvent()
          .intermediateCatchEvent("alert").signal("alert").endEvent().done());
      deploy(engine, "daily", Bpmn.createExecutableProcess("daily").startEvent().timerWithCycle("R2/P1D")
          .endEvent().done());
      for (int i = 0; i < 5; i++) {
        create(engine, "timer", Map.of());
        create(engine, "message", Map.of("k", "key-" + i));
        create(engine, "signal", Map.of());
      }
      // buffered for an instance that does not wait yet
      engine.publishMessage(new PublishMessage("reply", "key-late", Duration.ofDays(7), "", Map.of("late", true),
          null)).join();
      awaitSnapshot(log);
      create(engine, "message", Map.of("k", "key-5"));
    }

    EventLog.StoredSnapshot snapshot = log.latestSnapshot().orElseThrow();
    assertThat(new String(RebuiltState.document(log, Optional.of(snapshot), json), StandardCharsets.UTF_8))
        .isEqualTo(new String(RebuiltState.document(log, Optional.empty(), json), StandardCharsets.UTF_8));

    try (Engine engine = Engine.start(config, log, json)) {
      // 15 waiting + 1 created after the snapshot; the pinned clock is still pinned
      assertThat(engine.statistics().processDefinitions()).isEqualTo(4);
      awaitUntil(() -> engine.statistics().elementInstances() == 16 * 2, "the waiting instances are back");
      engine.pinClock(t0.plus(3, ChronoUnit.DAYS).toEpochMilli()).join();
      for (int i = 0; i <= 5; i++) {
        engine.publishMessage(new PublishMessage("reply", "key-" + i, Duration.ZERO, "", Map.of(), null)).join();
      }
      engine.broadcastSignal("alert", Map.of(), null).join();
      awaitUntil(() -> engine.statistics().elementInstances() == 0, "every waiting instance completed");
      // the late instance gets the buffered message as soon as it waits
      create(engine, "message", Map.of("k", "key-late"));
      awaitUntil(() -> engine.statistics().elementInstances() == 0, "the buffered message was correlated");
    }
  }

  private static void deploy(Engine engine, String name, BpmnModelInstance model) {
    engine.deploy(List.of(new DeployResource(name + ".bpmn",
        Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8))), null).join();
  }

  private static void create(Engine engine, String id, Map<String, Object> variables) {
    engine.createProcessInstance(new CreateProcessInstance(id, -1, 0, variables, null)).join();
  }

  private static void awaitSnapshot(EventLog log) throws Exception {
    awaitUntil(() -> {
      try {
        return log.latestSnapshot().isPresent();
      } catch (Exception e) {
        return false;
      }
    }, "a snapshot was written");
  }

  private static void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

}
