package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.relief.engine.Engine;
import cn.relief.engine.EngineConfiguration;
import cn.relief.engine.api.CommandRejectedException;
import cn.relief.engine.api.EngineApi.ActivateJobs;
import cn.relief.engine.api.EngineApi.ActivatedJob;
import cn.relief.engine.api.EngineApi.CreateProcessInstance;
import cn.relief.engine.api.EngineApi.DeployResource;
import cn.relief.engine.log.PostgresEventLog;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The engine in-process while its PostgreSQL stops and starts again: what was refused during the
 * outage leaves nobody waiting, and the engine carries on without a restart once the database is back.
 */
class PostgresOutageIT {
  private static final String TYPE = "outage-task";

  @Test
  void aLongPollGivenAJobOfARefusedBatchIsAnsweredAndTheJobComesBack() throws Exception {
    try (RestartablePostgres postgres = new RestartablePostgres(Path.of("target", "postgres-outage-it"))) {
      DataSource dataSource = postgres.dataSource(); // a plain driver DataSource: its URL outlives the restart
      PostgresEventLog.migrate(dataSource);
      ObjectMapper json = new ObjectMapper();
      EngineConfiguration config =
          new EngineConfiguration(1, 1000, 20_000, Duration.ofMillis(50), "localhost", 0, "test", 0, false);
      try (Engine engine = Engine.start(config, new PostgresEventLog(dataSource, json, 1), json)) {
        byte[] model = Bpmn.convertToString(Bpmn.createExecutableProcess("outage").startEvent()
            .serviceTask("task", t -> t.zeebeJobType(TYPE)).endEvent().done()).getBytes(StandardCharsets.UTF_8);
        engine.deploy(List.of(new DeployResource("outage.bpmn", model)), null).join();
        CompletableFuture<List<ActivatedJob>> longPoll = engine.activateJobs(activation(Duration.ofMinutes(1)));
        Thread.sleep(300); // the poll found nothing and waits
        assertThat(longPoll).isNotDone();

        postgres.stop();
        // processed (its job given to the waiting poll), then refused because its commit fails
        Throwable refused = catchThrowable(() -> engine.createProcessInstance(
            new CreateProcessInstance("outage", -1, 0, Map.of(), null)).join());
        assertThat(refused).isInstanceOf(CompletionException.class)
            .hasCauseInstanceOf(CommandRejectedException.class);
        // The poll must not wait for a job that was never durably activated: before the fix it was
        // taken from the waiting polls and never answered, and its worker hung until its own timeout.
        assertThat(longPoll.get(5, TimeUnit.SECONDS)).isEmpty();
        postgres.start();

        long instance = createWithin(engine, Duration.ofSeconds(30));
        List<ActivatedJob> jobs = engine.activateJobs(activation(Duration.ofSeconds(10))).get(30, TimeUnit.SECONDS);
        assertThat(jobs).extracting(ActivatedJob::processInstanceKey).containsExactly(instance);
      }
    }
  }

  private static ActivateJobs activation(Duration requestTimeout) {
    return new ActivateJobs(TYPE, "outage-worker", Duration.ofMinutes(1), 10, null, requestTimeout, null);
  }

  /** The writer rebuilds its state once the database answers again; until then commands are refused. */
  private static long createWithin(Engine engine, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return engine.createProcessInstance(new CreateProcessInstance("outage", -1, 0, Map.of(), null)).join()
            .processInstanceKey();
      } catch (CompletionException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(100);
      }
    }
  }
}
