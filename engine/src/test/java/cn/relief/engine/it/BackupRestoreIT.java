package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.audit.AuditAnchors;
import cn.relief.engine.audit.AuditVerification;
import cn.relief.engine.audit.AuditVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The backup procedure of the README, run for real: {@code ops/backup.sh} (pg_dump) takes a backup
 * while instances are being created and worked on, the machine is lost (the engine killed), {@code
 * ops/restore.sh} (pg_restore) restores it into a fresh database on another PostgreSQL server, and a
 * new engine on it carries on: every instance acknowledged before the backup is there, waiting
 * instances finish exactly once, the audit chain verifies against a fresh anchor file, and the old
 * anchors show that the trail after the backup moment is gone.
 */
class BackupRestoreIT {
  private static final Path OPS = Path.of("..", "ops").toAbsolutePath().normalize();
  private static final Path WORK = Path.of("target", "backup-restore-it").toAbsolutePath();
  private static EmbeddedPostgres original;
  private static EmbeddedPostgres replacement;

  @BeforeAll
  static void startPostgres() throws Exception {
    original = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
    replacement = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    original.close();
    replacement.close();
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void aBackupTakenUnderLoadRestoresIntoAFreshDatabaseAndRunningInstancesCarryOn() throws Exception {
    deleteRecursively(WORK);
    Files.createDirectories(WORK);
    Path dump = WORK.resolve("relief.dump");
    Path oldAnchors = WORK.resolve("anchors-original.txt");
    Path newAnchors = WORK.resolve("anchors-restored.txt");
    Map<Long, String> caseIds = new ConcurrentHashMap<>();
    Set<Long> acknowledgedBeforeBackup;
    long backupMillis;

    try (EngineProcess engine = new EngineProcess(original.getJdbcUrl("postgres", "postgres"),
        WORK.resolve("engine-original.log"), "--relief.engine.audit.anchor-file=" + oldAnchors,
        "--relief.engine.audit.anchor-interval=500ms")) {
      engine.start();
      engine.awaitReady(Duration.ofSeconds(90));
      try (CamundaClient client = EngineClients.client(engine.httpPort(), engine.grpcPort(), true)) {
        client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("backup")
            .startEvent()
            .serviceTask("work", t -> t.zeebeJobType("backup-work"))
            .intermediateCatchEvent("resume", e -> e.message(m -> m.name("backup-resume").zeebeCorrelationKeyExpression("caseId")))
            .serviceTask("close", t -> t.zeebeJobType("backup-close"))
            .endEvent().done(), "backup.bpmn").send().join();

        AtomicBoolean creating = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        Thread creator = new Thread(() -> {
          while (creating.get()) {
            String caseId = "case-" + sequence.incrementAndGet();
            long key = client.newCreateInstanceCommand().bpmnProcessId("backup").latestVersion()
                .variables(Map.of("caseId", caseId)).send().join(10, TimeUnit.SECONDS).getProcessInstanceKey();
            caseIds.put(key, caseId);
            pause(20);
          }
        }, "backup-it-creator");
        // only the first task is worked on before the backup: instances wait at the task, at the
        // message and (after the restore) at the last task, in every state a backup can catch them
        try (JobWorker work = worker(client, "backup-work")) {
          creator.start();
          awaitSize(caseIds, 60);
          acknowledgedBeforeBackup = Set.copyOf(caseIds.keySet());
          long started = System.nanoTime();
          run(Map.of("PGPORT", String.valueOf(original.getPort()), "PGDATABASE", "postgres"), "backup.sh", dump.toString());
          backupMillis = (System.nanoTime() - started) / 1_000_000;
          // what happens after the backup is lost with the machine; the anchors outlive it
          awaitSize(caseIds, caseIds.size() + 30);
          // two anchor passes after those creations were acknowledged (one may have been under way):
          // the anchors then name entries past the backup however slowly a loaded machine writes them
          awaitAnchorPasses(oldAnchors, 2, Duration.ofSeconds(60));
          creating.set(false);
          creator.join();
        }
      }
    } // the original machine is gone: engine killed

    try (Connection c = replacement.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE relief_restored");
    }
    long restoreStarted = System.nanoTime();
    run(Map.of("PGPORT", String.valueOf(replacement.getPort()), "PGDATABASE", "relief_restored"), "restore.sh", dump.toString());
    long restoreMillis = (System.nanoTime() - restoreStarted) / 1_000_000;
    DataSource restored = replacement.getDatabase("postgres", "relief_restored");
    EventLogChecks log = new EventLogChecks(() -> restored);
    // restoring twice would mix two histories: the script refuses a database with a log in it
    assertThat(exitCode(Map.of("PGPORT", String.valueOf(replacement.getPort()), "PGDATABASE", "relief_restored"),
        "restore.sh", dump.toString())).isEqualTo(3);

    Set<Long> inBackup = log.createdInstances();
    // the trail's head as restored, before the new engine adds to it
    long restoredHead = log.auditHead();
    assertThat(inBackup).as("instances acknowledged before the backup").containsAll(acknowledgedBeforeBackup);

    long startMillis;
    try (EngineProcess engine = new EngineProcess(replacement.getJdbcUrl("postgres", "relief_restored"),
        WORK.resolve("engine-restored.log"), "--relief.engine.audit.anchor-file=" + newAnchors)) {
      long started = System.nanoTime();
      engine.start();
      engine.awaitReady(Duration.ofSeconds(90));
      startMillis = (System.nanoTime() - started) / 1_000_000;
      try (CamundaClient client = EngineClients.client(engine.httpPort(), engine.grpcPort(), true);
          JobWorker work = worker(client, "backup-work");
          JobWorker close = worker(client, "backup-close")) {
        for (long instance : inBackup) {
          client.newPublishMessageCommand().messageName("backup-resume").correlationKey(caseIds.get(instance))
              .timeToLive(Duration.ofMinutes(5)).send().join();
        }
        log.awaitAllCompleted(Duration.ofSeconds(120));
        assertThat(completedSearchCount(client, inBackup.size(), Duration.ofSeconds(60)))
            .as("completed instances in the restored history").isEqualTo(inBackup.size());
      }
      JsonNode verification = engine.auditVerification();
      assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
    }

    assertThat(log.instancesCompletedOnce()).isEqualTo(inBackup);
    assertThat(log.elementInstancesActivatedOrCompletedTwice()).as("element instances activated or completed twice").isZero();
    assertThat(log.jobsCompletedTwice()).as("jobs completed twice").isZero();
    assertThat(log.jobsNeverCompleted()).as("jobs lost").isZero();
    assertThat(log.positionGapsOrDuplicates()).as("gaps or duplicates in the log").isZero();

    // the original anchors name entries past the backup moment: against them the restored trail is
    // reported cut, which is why the procedure keeps them apart and starts a new anchor file
    AuditAnchors anchorsOfTheLostMachine = new AuditAnchors(restored, oldAnchors);
    assertThat(anchorsOfTheLostMachine.read().lastKey()).isGreaterThan(restoredHead);
    AuditVerification againstOldAnchors = new AuditVerifier(restored, anchorsOfTheLostMachine).verify();
    assertThat(againstOldAnchors.valid()).isFalse();

    System.out.printf("BackupRestoreIT: %d instances acknowledged before the backup, %d in it, %d created in all;"
            + " backup under load %d ms, %d bytes; restore %d ms; engine ready on the restored database in %d ms;"
            + " %d instances then completed exactly once; against the lost machine's anchors: %s%n",
        acknowledgedBeforeBackup.size(), inBackup.size(), caseIds.size(), backupMillis, Files.size(dump), restoreMillis,
        startMillis, inBackup.size(), againstOldAnchors.problem());
  }

  private static JobWorker worker(CamundaClient client, String type) {
    return client.newWorker().jobType(type)
        .handler((jobClient, job) -> jobClient.newCompleteCommand(job).send().join(10, TimeUnit.SECONDS))
        .timeout(Duration.ofSeconds(5))
        .open();
  }

  private static void run(Map<String, String> environment, String script, String file) throws Exception {
    int exit = exitCode(environment, script, file);
    assertThat(exit).as(script + " exit code; see " + WORK.resolve(script + ".log")).isZero();
  }

  /** Runs one of the ops scripts as an operator would, with libpq's environment variables. */
  private static int exitCode(Map<String, String> environment, String script, String file) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("bash", OPS.resolve(script).toString(), file)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(WORK.resolve(script + ".log").toFile()));
    builder.environment().putAll(Map.of("PGHOST", "localhost", "PGUSER", "postgres"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(script + " did not finish within 2 minutes");
    }
    return process.exitValue();
  }


  private static long completedSearchCount(CamundaClient client, int expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long found;
    do {
      found = client.newProcessInstanceSearchRequest()
          .filter(f -> f.processDefinitionId("backup").state(ProcessInstanceState.COMPLETED))
          .page(p -> p.limit(1)).send().join().page().totalItems();
      if (found >= expected) {
        return found;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    return found;
  }


  private static void awaitSize(Map<Long, String> map, int size) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (map.size() < size) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Only " + map.size() + " instances created");
      }
      Thread.sleep(20);
    }
  }



  private static void deleteRecursively(Path path) throws IOException {
    if (Files.exists(path)) {
      try (var walk = Files.walk(path)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until the anchor file's last anchor has advanced {@code passes} times. */
  private static void awaitAnchorPasses(Path anchors, int passes, Duration atMost) throws Exception {
    AuditAnchors file = new AuditAnchors(null, anchors);
    long until = System.nanoTime() + atMost.toNanos();
    long last = file.read().isEmpty() ? -1 : file.read().lastKey();
    int seen = 0;
    while (seen < passes) {
      if (System.nanoTime() > until) {
        throw new AssertionError("the anchor file " + anchors + " advanced " + seen + " of " + passes + " times");
      }
      Thread.sleep(100);
      long now;
      try {
        now = file.read().isEmpty() ? -1 : file.read().lastKey();
      } catch (java.io.IOException halfWrittenLine) {
        continue;
      }
      if (now > last) {
        last = now;
        seen++;
      }
    }
  }
}
