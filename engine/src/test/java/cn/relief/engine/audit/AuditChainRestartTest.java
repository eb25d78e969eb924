package cn.relief.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.relief.engine.EmbeddedPostgresTest;
import cn.relief.engine.Engine;
import cn.relief.engine.EngineConfiguration;
import cn.relief.engine.api.Caller;
import cn.relief.engine.api.CallerContext;
import cn.relief.engine.record.AuthorizationRecord;
import cn.relief.engine.api.CommandRejectedException;
import cn.relief.engine.api.EngineApi.CreateProcessInstance;
import cn.relief.engine.api.EngineApi.DeployResource;
import cn.relief.engine.log.EventLog;
import cn.relief.engine.log.EventLogException;
import cn.relief.engine.log.PostgresEventLog;
import cn.relief.engine.record.Record;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The chain survives what the engine goes through: a restart continues it from the last stored
 * entry, and a failed commit takes its entries with it without leaving a gap or a fork.
 */
class AuditChainRestartTest extends EmbeddedPostgresTest {
  private final ObjectMapper json = new ObjectMapper();
  private final EngineConfiguration config = engineConfig(0, false);

  @Test
  void aRestartContinuesTheChainAndAFailedCommitLeavesNoGap() throws Exception {
    DataSource dataSource = dataSource();
    FailingOnce log = new FailingOnce(new PostgresEventLog(dataSource, json, 1));
    byte[] model = Bpmn.convertToString(Bpmn.createExecutableProcess("restart").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("restart-task")).endEvent().done()).getBytes(StandardCharsets.UTF_8);

    try (Engine engine = Engine.start(config, log, json)) {
      engine.deploy(List.of(new DeployResource("restart.bpmn", model)), null).join();
      // a person's command needs their authorization for the process
      engine.identity().createAuthorization(new AuthorizationRecord("USER", "caseworker-1", "PROCESS_DEFINITION",
          "restart", List.of("CREATE_PROCESS_INSTANCE"))).join();
      CallerContext.callAs(Caller.user("caseworker-1"),
          () -> engine.createProcessInstance(new CreateProcessInstance("restart", -1, 0, Map.of("n", 1), null)))
          .join();
    }
    try (Engine engine = Engine.start(config, log, json)) {
      engine.createProcessInstance(new CreateProcessInstance("restart", -1, 0, Map.of("n", 2), null)).join();
      // a commit that fails: the command is refused and its entry must not stay in the chain's head
      log.failNextAppend.set(true);
      Throwable refused = catchThrowable(
          () -> engine.createProcessInstance(new CreateProcessInstance("restart", -1, 0, Map.of("n", 3), null)).join());
      assertThat(refused).isInstanceOf(CompletionException.class).hasCauseInstanceOf(CommandRejectedException.class);
      // the writer rebuilds its state (and chain head) before it takes the next command
      assertThat(catchThrowable(() -> engine.completeJob(123, Map.of()).join()))
          .hasCauseInstanceOf(CommandRejectedException.class);
      engine.createProcessInstance(new CreateProcessInstance("restart", -1, 0, Map.of("n", 4), null)).join();
    }

    AuditVerification verification = new AuditVerifier(dataSource, "engine_audit").verify();
    assertThat(verification.valid()).as(verification.problem()).isTrue();
    assertThat(verification.entriesChecked()).isEqualTo(6);
    assertThat(rows(dataSource, "SELECT sequence || ' ' || operation || ' ' || caller_id || ' ' || outcome "
        + "FROM engine_audit ORDER BY sequence")).containsExactly(
            "1 DEPLOY in-process ACCEPTED",
            "2 CREATE_AUTHORIZATION in-process ACCEPTED",
            "3 CREATE_PROCESS_INSTANCE caseworker-1 ACCEPTED",
            "4 CREATE_PROCESS_INSTANCE in-process ACCEPTED",
            "5 COMPLETE_JOB in-process REJECTED",
            "6 CREATE_PROCESS_INSTANCE in-process ACCEPTED");
  }

  @Test
  void aLongChainIsVerifiedByStreamingIt() throws Exception {
    // a database of its own: the other test counts the entries of the shared one
    try (EmbeddedPostgres own = EmbeddedPostgres.start()) {
      DataSource dataSource = own.getPostgresDatabase();
      PostgresEventLog.migrate(dataSource);
      PostgresEventLog log = new PostgresEventLog(dataSource, json, 1);
      AuditChain chain = AuditChain.continuing(Optional.empty());
      int total = 150_000; // past the 100,000 at which verification reports progress
      for (int stored = 0; stored < total; stored += 25_000) {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 25_000; i++) {
          entries.add(chain.append(System.currentTimeMillis(), Caller.user("demo"), "COMPLETE_JOB",
              "{\"jobKey\":" + (stored + i) + "}", "{\"variables\":{\"name\":\"张三\"}}", AuditEntry.ACCEPTED, null, null,
              (long) stored + i));
        }
        log.append(List.of(), entries);
      }
      assertThat(log.lastAuditEntry()).hasValueSatisfying(last -> assertThat(last.sequence()).isEqualTo(total));

      AuditVerification verification = new AuditVerifier(dataSource, "engine_audit").verify();
      assertThat(verification.valid()).as(verification.problem()).isTrue();
      assertThat(verification.entriesChecked()).isEqualTo(total);
    }
  }

  private static List<String> rows(DataSource dataSource, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }

  /** The real log, except that one append fails when asked to, as a lost database connection would. */
  private static final class FailingOnce implements EventLog {
    private final EventLog delegate;
    final AtomicBoolean failNextAppend = new AtomicBoolean();

    FailingOnce(EventLog delegate) {
      this.delegate = delegate;
    }

    @Override
    public void append(List<Record> records, List<AuditEntry> auditEntries) throws EventLogException {
      // empty batches (the engine's idle due-date checks) do not count
      if (!auditEntries.isEmpty() && failNextAppend.compareAndSet(true, false)) {
        throw new EventLogException("simulated commit failure", new IllegalStateException("connection lost"));
      }
      delegate.append(records, auditEntries);
    }

    @Override
    public Optional<AuditEntry> lastAuditEntry() throws EventLogException {
      return delegate.lastAuditEntry();
    }

    @Override
    public void replay(Consumer<Record> consumer) throws EventLogException {
      delegate.replay(consumer);
    }

    @Override
    public void replayDefinitionsUpTo(long position, Consumer<Record> consumer) throws EventLogException {
      delegate.replayDefinitionsUpTo(position, consumer);
    }

    @Override
    public void replayAfter(long position, Consumer<Record> consumer) throws EventLogException {
      delegate.replayAfter(position, consumer);
    }

    @Override
    public void readAfter(long position, int limit, Consumer<Record> consumer) throws EventLogException {
      delegate.readAfter(position, limit, consumer);
    }

    @Override
    public void writeSnapshot(long position, byte[] state) throws EventLogException {
      delegate.writeSnapshot(position, state);
    }

    @Override
    public Optional<StoredSnapshot> latestSnapshot() throws EventLogException {
      return delegate.latestSnapshot();
    }
  }
}
