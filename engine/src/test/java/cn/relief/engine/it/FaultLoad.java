package cn.relief.engine.it;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load the fault suite runs through its faults: a creator starting instances over REST and
 * gRPC in turn, straight to the engine, and workers, behind the connection-cutting proxies, that
 * complete the jobs: per job type one polling over REST and one streaming over gRPC, competing.
 *
 * <p>The process: task a, then b and c in parallel, then d, which checks that the variables a, b
 * and c set reached it. Each job's side effect is keyed by its job key, as a real worker keys its
 * calls to outside systems: a job delivered twice (after a timeout, a kill, a lost reply) does it
 * once. A few handler invocations sleep past the job's deadline, so that the job times out, is
 * activated again and completed by another worker, and the late completion is refused.
 */
final class FaultLoad implements AutoCloseable {
  static final String PROCESS_ID = "faults";
  static final List<String> TASKS = List.of("a", "b", "c", "d");
  /** Short, so that jobs activated just before a kill or on a cut connection come back soon. */
  static final Duration JOB_TIMEOUT = Duration.ofSeconds(2);
  /** Share of handler invocations that sleep past the job's deadline. */
  private static final double OVERSLEEP_SHARE = 0.02;
  /** Instances created but not yet through task d beyond which the creator waits: the load stays bounded. */
  private static final int MAX_IN_FLIGHT = 300;

  private final CamundaClient restCreator;
  private final CamundaClient grpcCreator;
  private final CamundaClient pollingWorkers;
  private final CamundaClient streamingWorkers;
  private final List<JobWorker> workers = new ArrayList<>();
  private final Thread creator = new Thread(this::create, "fault-load-creator");
  private final AtomicBoolean creating = new AtomicBoolean(true);

  final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
  final AtomicInteger refusedCreations = new AtomicInteger();
  /** Per task, job key to process instance key: the side effects done. */
  final Map<String, Map<Long, Long>> effects = new ConcurrentHashMap<>();
  private final Set<Long> invokedJobs = ConcurrentHashMap.newKeySet();
  final AtomicInteger invocations = new AtomicInteger();
  final AtomicInteger redeliveries = new AtomicInteger();
  final AtomicInteger overslept = new AtomicInteger();
  final AtomicInteger lateCompletionsRefused = new AtomicInteger();
  final AtomicInteger lateCompletionsAccepted = new AtomicInteger();
  final AtomicInteger completionsFailed = new AtomicInteger();
  /** What a worker found wrong (a variable missing at task d); expected empty. */
  final Queue<String> violations = new ConcurrentLinkedQueue<>();

  /** Creators talk to the engine's ports, workers to the proxies' ports. */
  FaultLoad(int httpPort, int grpcPort, int proxiedHttpPort, int proxiedGrpcPort) {
    restCreator = EngineClients.client(httpPort, grpcPort, true);
    grpcCreator = EngineClients.client(httpPort, grpcPort, false);
    // several handler threads: an oversleeping handler must not hold up the others
    pollingWorkers = EngineClients.builder(proxiedHttpPort, proxiedGrpcPort, true, "demo", "demo")
        .numJobWorkerExecutionThreads(8).build();
    streamingWorkers = EngineClients.builder(proxiedHttpPort, proxiedGrpcPort, false, "demo", "demo")
        .numJobWorkerExecutionThreads(8).build();
    TASKS.forEach(task -> effects.put(task, new ConcurrentHashMap<>()));
  }

  static BpmnModelInstance model() {
    return Bpmn.createExecutableProcess(PROCESS_ID)
        .startEvent()
        .serviceTask("a", t -> t.zeebeJobType(jobType("a")))
        .parallelGateway("fork")
        .serviceTask("b", t -> t.zeebeJobType(jobType("b")))
        .parallelGateway("join")
        .serviceTask("d", t -> t.zeebeJobType(jobType("d")))
        .endEvent()
        .moveToNode("fork")
        .serviceTask("c", t -> t.zeebeJobType(jobType("c")))
        .connectTo("join")
        .done();
  }

  private static String jobType(String task) {
    return "faults-" + task;
  }

  void deploy() {
    restCreator.newDeployResourceCommand().addProcessModel(model(), PROCESS_ID + ".bpmn").send().join();
  }

  void start() {
    for (String task : TASKS) {
      workers.add(worker(pollingWorkers, task, false));
      workers.add(worker(streamingWorkers, task, true));
    }
    creator.start();
  }

  void stopCreating() throws InterruptedException {
    creating.set(false);
    creator.join();
  }

  /** Creates one instance over REST, retrying until the engine acknowledges it; its key. */
  long createOne(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        long key = restCreator.newCreateInstanceCommand().bpmnProcessId(PROCESS_ID).latestVersion()
            .send().join(5, TimeUnit.SECONDS).getProcessInstanceKey();
        acknowledged.add(key);
        return key;
      } catch (RuntimeException notNow) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("No instance could be created within " + timeout, notNow);
        }
        Thread.sleep(200);
      }
    }
  }

  CamundaClient client() {
    return restCreator;
  }

  private void create() {
    long n = 0;
    while (creating.get()) {
      if (acknowledged.size() - effects.get("d").size() > MAX_IN_FLIGHT) {
        sleep(50);
        continue;
      }
      CamundaClient client = n++ % 2 == 0 ? restCreator : grpcCreator;
      try {
        acknowledged.add(client.newCreateInstanceCommand().bpmnProcessId(PROCESS_ID).latestVersion()
            .send().join(5, TimeUnit.SECONDS).getProcessInstanceKey());
      } catch (RuntimeException engineDown) {
        refusedCreations.incrementAndGet();
        sleep(100);
      }
      sleep(10);
    }
  }

  private JobWorker worker(CamundaClient client, String task, boolean stream) {
    return client.newWorker().jobType(jobType(task))
        .handler((jobClient, job) -> handle(jobClient, job, task))
        .timeout(JOB_TIMEOUT)
        // the client streams over gRPC whatever transport it prefers: only the streaming client's
        // workers stream, the REST client's workers poll
        .streamEnabled(stream)
        .open();
  }

  /**
   * Never throws: a handler's exception makes the client fail the job, using up its retries, and
   * a completion lost to a fault is not the job's failure. The job times out and comes back.
   */
  private void handle(JobClient jobClient, ActivatedJob job, String task) {
    invocations.incrementAndGet();
    if (!invokedJobs.add(job.getKey())) {
      redeliveries.incrementAndGet();
    }
    boolean oversleep = ThreadLocalRandom.current().nextDouble() < OVERSLEEP_SHARE;
    if (oversleep) {
      overslept.incrementAndGet();
      sleep(JOB_TIMEOUT.toMillis() + 1_500);
    }
    if (task.equals("d") && !job.getVariablesAsMap().keySet().containsAll(List.of("a", "b", "c"))) {
      violations.add("Instance " + job.getProcessInstanceKey() + " reached d with variables "
          + job.getVariablesAsMap().keySet());
    }
    effects.get(task).putIfAbsent(job.getKey(), job.getProcessInstanceKey());
    try {
      jobClient.newCompleteCommand(job).variables(Map.of(task, job.getKey())).send().join(10, TimeUnit.SECONDS);
      if (oversleep) {
        lateCompletionsAccepted.incrementAndGet();
      }
    } catch (RuntimeException e) {
      if (oversleep && notFound(e)) {
        lateCompletionsRefused.incrementAndGet(); // another worker completed it after the timeout
      } else {
        completionsFailed.incrementAndGet();
      }
    }
  }

  private static boolean notFound(RuntimeException e) {
    return e instanceof ProblemException problem && problem.code() == 404
        || e instanceof ClientStatusException status && status.getStatusCode() == Status.Code.NOT_FOUND;
  }

  @Override
  public void close() throws InterruptedException {
    creating.set(false);
    List<AutoCloseable> closeables = new ArrayList<>(workers);
    closeables.addAll(List.of(pollingWorkers, streamingWorkers, restCreator, grpcCreator));
    closeWithin(Duration.ofSeconds(10), closeables);
  }

  /**
   * The 8.8 client's job streamer can leave its stream lock held after its stream broke during a
   * kill, and then blocks forever in close(); close on a side thread so the test cannot hang.
   */
  private static void closeWithin(Duration timeout, List<AutoCloseable> closeables) throws InterruptedException {
    Thread closer = new Thread(() -> {
      for (AutoCloseable closeable : closeables) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // best effort: the engine under test is what is checked, not the client
        }
      }
    }, "fault-load-closer");
    closer.setDaemon(true);
    closer.start();
    closer.join(timeout.toMillis());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
