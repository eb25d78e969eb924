package cn.relief.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.client.api.worker.JobWorkerBuilderStep1.JobWorkerBuilderStep3;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * One configuration: a process (one or ten service tasks) over one transport (REST polling or
 * gRPC streaming), measured closed loop (throughput) and open loop (latency at a fixed rate).
 *
 * <p>Everything goes through a real {@link CamundaClient}: instances are created with the create
 * command, jobs are taken by a client job worker and completed with the complete command. An
 * instance counts as completed when the complete command of its last job is acknowledged; the
 * engine answers only after the events, including the process's completion, are committed.
 */
final class Workload {
  /** Times are nanoseconds since this origin, so they stay small enough for any JSON number. */
  private static final long ORIGIN = System.nanoTime();
  private static final AtomicInteger PHASE_IDS = new AtomicInteger();

  static long now() {
    return System.nanoTime() - ORIGIN;
  }

  record ClosedResult(double completedPerSecond, long counted, double seconds, long createErrors,
      long completeErrors, long lostAfterDrain, Histogram latency, CpuSampler.Usage cpu) {}

  record OpenResult(int offeredRate, double achievedRate, long created, long completed, long createErrors,
      long completeErrors, long lost, Histogram latency, CpuSampler.Usage cpu, Histogram historyVisible,
      long historyNotVisible) {}

  record Result(String scenario, String transport, int tasks, ClosedResult closed, OpenResult open) {}

  private final BenchSettings settings;
  private final BenchEngine engine;
  private final String scenario;
  private final String transport;
  private final int tasks;
  private final String processId;
  private final String jobType;
  private final String lastElementId;
  private final Map<Integer, Phase> phases = new ConcurrentHashMap<>();
  private final AtomicLong completeErrors = new AtomicLong();
  private final AtomicLong errorsLogged = new AtomicLong();

  Workload(BenchSettings settings, BenchEngine engine, String scenario, String transport) {
    this.settings = settings;
    this.engine = engine;
    this.scenario = scenario;
    this.transport = transport;
    this.tasks = switch (scenario) {
      case "one" -> 1;
      case "ten" -> 10;
      default -> throw new IllegalArgumentException("Unknown scenario '" + scenario + "'; expected one or ten");
    };
    if (!transport.equals("rest") && !transport.equals("grpc")) {
      throw new IllegalArgumentException("Unknown transport '" + transport + "'; expected rest or grpc");
    }
    // a process and job type per configuration: no poll or stream of an earlier one can take its jobs
    this.processId = "bench-" + scenario + "-" + transport;
    this.jobType = "bench-" + scenario + "-" + transport + "-work";
    this.lastElementId = "task" + tasks;
  }

  Result run() {
    boolean rest = transport.equals("rest");
    try (CamundaClient client = Clients.client(engine, rest, settings.workerThreads)) {
      Clients.deploy(client, Clients.sequence(processId, jobType, tasks), processId);
      JobWorkerBuilderStep3 builder = client.newWorker()
          .jobType(jobType)
          .handler(this::handle)
          .name("bench-" + transport)
          .maxJobsActive(settings.maxJobsActive)
          .timeout(Duration.ofSeconds(30))
          .fetchVariables("t0", "p")
          .streamEnabled(!rest);
      if (settings.pollInterval != null) {
        builder = builder.pollInterval(settings.pollInterval);
      }
      JobWorker worker = builder.open();
      try {
        ClosedResult closed = closedLoop(client);
        awaitHistory();
        OpenResult open = openLoop(client);
        return new Result(scenario, transport, tasks, closed, open);
      } finally {
        worker.close();
      }
    }
  }

  // ---- the worker ------------------------------------------------------------------------------

  /** Completes each job at once (asynchronously: the handler does not block on the answer). */
  private void handle(JobClient jobClient, ActivatedJob job) {
    boolean last = lastElementId.equals(job.getElementId());
    long startedAt;
    Phase phase;
    if (last) {
      Map<String, Object> variables = job.getVariablesAsMap();
      startedAt = ((Number) variables.get("t0")).longValue();
      phase = phases.get(((Number) variables.get("p")).intValue());
    } else {
      startedAt = 0;
      phase = null;
    }
    jobClient.newCompleteCommand(job.getKey()).send().whenComplete((ok, failure) -> {
      if (failure != null) {
        completeErrors.incrementAndGet();
        logError("complete job", failure);
      } else if (phase != null) {
        phase.onCompleted(startedAt, now());
      }
    });
  }

  // ---- closed loop: throughput -------------------------------------------------------------------

  private ClosedResult closedLoop(CamundaClient client) {
    Phase phase = newPhase(new Semaphore(settings.inflight));
    long errorsBefore = completeErrors.get();
    long start = now();
    phase.windowStart = start + settings.warmup.toNanos();
    phase.windowEnd = phase.windowStart + settings.duration.toNanos();
    String label = scenario + "/" + transport + " closed loop";
    System.out.printf("%n== %s: %d in flight, warm-up %s, measured %s%n", label, settings.inflight,
        BenchSettings.format(settings.warmup), BenchSettings.format(settings.duration));
    Progress progress = new Progress(label, phase);
    CpuSampler cpu = new CpuSampler(engine.postmasterPid());
    boolean cpuStarted = false;
    long now;
    while ((now = now()) < phase.windowEnd) {
      if (!cpuStarted && now >= phase.windowStart) {
        cpu.start();
        cpuStarted = true;
      }
      progress.maybePrint(now);
      try {
        if (!phase.permits.tryAcquire(20, TimeUnit.MILLISECONDS)) {
          continue;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      create(client, phase, now());
    }
    CpuSampler.Usage usage = cpuStarted ? cpu.stop() : null;
    Histogram latency = phase.latencyMicros();
    long counted = phase.counted.get();
    long lost = drain(phase);
    double seconds = settings.duration.toNanos() / 1e9;
    return new ClosedResult(counted / seconds, counted, seconds, phase.createErrors.get(),
        completeErrors.get() - errorsBefore, lost, latency, usage);
  }

  // ---- open loop: latency at a fixed rate ---------------------------------------------------------

  private OpenResult openLoop(CamundaClient client) {
    Phase phase = newPhase(null);
    long errorsBefore = completeErrors.get();
    int rate = settings.rate;
    long interval = 1_000_000_000L / rate;
    long total = Math.max(1, settings.latencyDuration.toNanos() / interval);
    String label = scenario + "/" + transport + " open loop";
    System.out.printf("== %s: %d instances/s for %s (%d instances)%n", label, rate,
        BenchSettings.format(settings.latencyDuration), total);
    Progress progress = new Progress(label, phase);
    CpuSampler cpu = new CpuSampler(engine.postmasterPid());
    VisibilityProbe visibility = new VisibilityProbe(engine);
    phase.visibility = visibility;
    cpu.start();
    long start = now();
    for (long i = 0; i < total; i++) {
      long due = start + i * interval;
      long now;
      while ((now = now()) < due) {
        LockSupport.parkNanos(due - now);
      }
      progress.maybePrint(now);
      // latency is measured from the intended send time: a sender that falls behind is not hidden
      create(client, phase, due);
    }
    double achieved = phase.created.get() / ((now() - start) / 1e9);
    CpuSampler.Usage usage = cpu.stop();
    long lost = drain(phase);
    Histogram visible = visibility.finish();
    return new OpenResult(rate, achieved, phase.created.get(), phase.completed.get(), phase.createErrors.get(),
        completeErrors.get() - errorsBefore, lost, phase.latencyMicros(), usage, visible,
        visibility.notProjected());
  }

  // ---- shared ------------------------------------------------------------------------------------

  private Phase newPhase(Semaphore permits) {
    Phase phase = new Phase(PHASE_IDS.incrementAndGet(), permits);
    phases.put(phase.id, phase);
    return phase;
  }

  private void create(CamundaClient client, Phase phase, long startedAt) {
    long sequence = phase.created.incrementAndGet();
    VisibilityProbe visibility = phase.visibility;
    try {
      client.newCreateInstanceCommand()
          .bpmnProcessId(processId)
          .latestVersion()
          .variables(Map.of("t0", startedAt, "p", phase.id))
          .send()
          .whenComplete((created, failure) -> {
            if (failure != null) {
              phase.onCreateFailed();
              logError("create instance", failure);
            } else if (visibility != null) {
              visibility.created(sequence, now());
            }
          });
    } catch (RuntimeException e) {
      phase.onCreateFailed();
      logError("create instance", e);
    }
  }

  /**
   * Lets the history projection finish what the closed loop left it, so that the open loop's
   * figures (latency, history delay) are its own and not the end of the previous phase's backlog.
   */
  private void awaitHistory() {
    long position = engine.engine().statistics().lastPosition();
    try {
      if (!engine.historyProjector().awaitPosition(position, settings.drainTimeout)) {
        System.out.printf("   history projection still behind %s after the closed loop%n",
            BenchSettings.format(settings.drainTimeout));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Waits until every instance of the phase completed; returns how many did not in time. */
  private long drain(Phase phase) {
    long deadline = now() + settings.drainTimeout.toNanos();
    while (phase.inFlight() > 0 && now() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    long lost = phase.inFlight();
    if (lost > 0) {
      System.out.printf("   %d instances still not completed %s after the phase%n", lost,
          BenchSettings.format(settings.drainTimeout));
    }
    return lost;
  }

  private void logError(String what, Throwable failure) {
    if (errorsLogged.incrementAndGet() <= 5) {
      System.out.printf("   could not %s: %s%n", what, failure);
    }
  }

  /** Prints how the phase goes every 10 s, so a long run shows it is alive. */
  private static final class Progress {
    private final String label;
    private final Phase phase;
    private long nextAt = now() + TimeUnit.SECONDS.toNanos(10);
    private long lastCompleted;
    private long lastAt = now();
    private final long startedAt = now();

    Progress(String label, Phase phase) {
      this.label = label;
      this.phase = phase;
    }

    void maybePrint(long now) {
      if (now < nextAt) {
        return;
      }
      long completed = phase.completed.get();
      double rate = (completed - lastCompleted) / ((now - lastAt) / 1e9);
      System.out.printf("   %s t=%3ds completed=%d (%.0f/s over the last 10 s) in flight=%d errors=%d%n", label,
          (now - startedAt) / 1_000_000_000L, completed, rate, phase.inFlight(), phase.createErrors.get());
      lastCompleted = completed;
      lastAt = now;
      nextAt = now + TimeUnit.SECONDS.toNanos(10);
    }
  }
}
