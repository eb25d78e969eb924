package cn.relief.engine.history.retention;

import cn.relief.engine.Engine;
import cn.relief.engine.api.Caller;
import cn.relief.engine.audit.AuditRequest;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges the history of cases that ended longer ago than their process's retention, on a schedule
 * or when an administrator asks. Each batch of cases is first recorded in the audit trail (who
 * purged which instances, under which retention) and only then deleted, so history never
 * disappears without a record of it; a batch that fails to delete is found again by the next run.
 * Times are the engine's clock, the same clock the history's end dates come from.
 */
public final class HistoryRetention implements AutoCloseable {
  public static final String OPERATION = "PURGE_HISTORY";
  private static final Logger LOG = LoggerFactory.getLogger(HistoryRetention.class);

  private final Engine engine;
  private final HistoryPurge purge;
  private final RetentionPolicy policy;
  private final int batchSize;
  private final ReentrantLock running = new ReentrantLock();
  private ScheduledExecutorService scheduler;
  private volatile Run current;
  private volatile PurgeReport last;

  HistoryRetention(Engine engine, HistoryPurge purge, RetentionPolicy policy, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException(
          "Expected relief.engine.history.retention.batch-size to be at least 1, but it was " + batchSize);
    }
    this.engine = engine;
    this.purge = purge;
    this.policy = policy;
    this.batchSize = batchSize;
  }

  public RetentionPolicy policy() {
    return policy;
  }

  /** The run in progress, else the last one; empty before the first. */
  public Optional<PurgeReport> status() {
    Run run = current;
    return run != null ? Optional.of(run.report(false, null)) : Optional.ofNullable(last);
  }

  /** Runs every {@code interval}, the first time one interval after the start; only if anything can be purged. */
  void schedule(Duration interval) {
    if (!policy.purgesAnything()) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "history-retention");
      thread.setDaemon(true);
      return thread;
    });
    long millis = interval.toMillis();
    scheduler.scheduleWithFixedDelay(() -> purgeNow(Caller.ENGINE), millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Purges now what the retention allows, attributed to {@code caller}; empty if a run is already
   * going (its progress is in {@link #status()}).
   */
  public Optional<PurgeReport> purgeNow(Caller caller) {
    if (!running.tryLock()) {
      return Optional.empty();
    }
    Run run = new Run(caller.id());
    current = run;
    try {
      String failure = null;
      try {
        long now = engine.now();
        for (String processId : purge.processIds()) {
          Optional<Duration> period = policy.periodOf(processId);
          if (period.isPresent()) {
            purgeEnded(run, caller, processId, period.get(), now);
          }
        }
        purgeReappeared(run, caller);
      } catch (SQLException | RuntimeException e) {
        LOG.warn("Purging the history stopped early; the next run goes on", e);
        failure = e.getMessage();
      }
      PurgeReport report = run.report(true, failure);
      if (report.cases() > 0) {
        LOG.info("Purged the history of {} cases ({} process instances, {} rows)", report.cases(),
            report.instances(), report.rows());
      }
      last = report;
      return Optional.of(report);
    } finally {
      current = null;
      running.unlock();
    }
  }

  private void purgeEnded(Run run, Caller caller, String processId, Duration period, long now) throws SQLException {
    Timestamp endedBefore = new Timestamp(now - period.toMillis());
    Run.Process process = run.process(processId, period.toString(), at(endedBefore.getTime()));
    List<Long> cases;
    while (!(cases = purge.endedCases(processId, endedBefore, batchSize)).isEmpty()) {
      record(caller, processId, cases, Map.of("retention", period.toString(),
          "endedBefore", at(endedBefore.getTime()).toString()));
      process.add(cases.size(), purge.purge(processId, cases));
    }
  }

  private void purgeReappeared(Run run, Caller caller) throws SQLException {
    Map<String, List<Long>> reappeared;
    while (!(reappeared = purge.reappearedCases(batchSize)).isEmpty()) {
      for (Map.Entry<String, List<Long>> cases : reappeared.entrySet()) {
        record(caller, cases.getKey(), cases.getValue(), Map.of("reason", "purged before; projected again"));
        run.process(cases.getKey(), "purged before", null).add(cases.getValue().size(),
            purge.purge(cases.getKey(), cases.getValue()));
      }
    }
  }

  /** Waits for the audit entry: no history is deleted that the trail does not account for. */
  private void record(Caller caller, String processId, List<Long> cases, Map<String, Object> data) {
    AuditRequest.Builder request = AuditRequest.of(OPERATION)
        .target("bpmnProcessId", processId)
        .target("processInstanceKeys", cases);
    data.forEach(request::data);
    engine.recordOperation(request.build(), caller).join();
  }

  private static OffsetDateTime at(long epochMillis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  /** The counts of a run, readable by other threads while it goes on. */
  private static final class Run {
    private final OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC);
    private final String requestedBy;
    private final List<Process> processes = new ArrayList<>();

    Run(String requestedBy) {
      this.requestedBy = requestedBy;
    }

    synchronized Process process(String processId, String retention, OffsetDateTime endedBefore) {
      Process process = new Process(processId, retention, endedBefore);
      processes.add(process);
      return process;
    }

    synchronized PurgeReport report(boolean finished, String failure) {
      List<PurgeReport.ProcessPurge> done = new ArrayList<>();
      long cases = 0;
      long instances = 0;
      long rows = 0;
      for (Process process : processes) {
        if (process.cases == 0) {
          continue;
        }
        done.add(new PurgeReport.ProcessPurge(process.processId, process.retention, process.endedBefore,
            process.cases, process.instances, process.rows));
        cases += process.cases;
        instances += process.instances;
        rows += process.rows;
      }
      return new PurgeReport(startedAt, finished ? OffsetDateTime.now(ZoneOffset.UTC) : null, requestedBy, done,
          cases, instances, rows, failure);
    }

    private final class Process {
      private final String processId;
      private final String retention;
      private final OffsetDateTime endedBefore;
      private long cases;
      private long instances;
      private long rows;

      Process(String processId, String retention, OffsetDateTime endedBefore) {
        this.processId = processId;
        this.retention = retention;
        this.endedBefore = endedBefore;
      }

      void add(int purgedCases, HistoryPurge.PurgedRows purged) {
        synchronized (Run.this) {
          cases += purgedCases;
          instances += purged.instances();
          rows += purged.rows();
        }
      }
    }
  }
}
