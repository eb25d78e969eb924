package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.client.api.worker.JobWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** gRPC job streaming (StreamActivatedJobs): the engine pushes jobs to a worker that does not poll. */
class JobStreamingIT extends ClientTestSupport {
  private static final int INSTANCES = 200;

  @Test
  void aStreamingWorkerReceivesPushedJobsAndCompletesManyInstances() throws Exception {
    CamundaClient client = client(Transport.GRPC);
    String processId = uniqueId("streamed", Transport.GRPC);
    String jobType = uniqueId("streamed", Transport.GRPC);
    deploy(client, oneTask(processId, jobType));

    Set<Long> handledJobs = ConcurrentHashMap.newKeySet();
    AtomicInteger duplicates = new AtomicInteger();
    // After its first (short) poll the worker would poll again only after ten minutes: every job
    // it gets later must have been pushed through the stream.
    try (JobWorker worker = client.newWorker().jobType(jobType)
        .handler((jobClient, job) -> {
          if (!handledJobs.add(job.getKey())) {
            duplicates.incrementAndGet();
          }
          jobClient.newCompleteCommand(job)
              .variables(Map.of("doubled", ((Number) job.getVariable("n")).intValue() * 2)).send().join();
        })
        .name("stream-worker")
        .streamEnabled(true)
        .pollInterval(Duration.ofMinutes(10))
        .requestTimeout(Duration.ofMillis(200))
        .timeout(Duration.ofMinutes(1))
        .open()) {
      awaitStreamOpen(client, processId);

      List<CamundaFuture<ProcessInstanceResult>> results = new ArrayList<>();
      long started = System.nanoTime();
      for (int n = 0; n < INSTANCES; n++) {
        results.add(client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
            .variables(Map.of("n", n)).withResult().requestTimeout(Duration.ofSeconds(30)).send());
      }
      for (int n = 0; n < INSTANCES; n++) {
        assertThat(results.get(n).join().getVariablesAsMap()).containsEntry("n", n).containsEntry("doubled", 2 * n);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(took).as("time for %d streamed instances", INSTANCES).isLessThan(Duration.ofSeconds(30));
    }
    assertThat(duplicates).hasValue(0);
    assertThat(handledJobs).hasSizeGreaterThanOrEqualTo(INSTANCES);
  }

  @Test
  void aBurstTheWorkerCannotTakeAtOnceArrivesWholeThroughTheStream() throws Exception {
    CamundaClient client = client(Transport.GRPC);
    String processId = uniqueId("burst", Transport.GRPC);
    String jobType = uniqueId("burst", Transport.GRPC);
    deploy(client, oneTask(processId, jobType));
    AtomicInteger handled = new AtomicInteger();

    try (JobWorker worker = client.newWorker().jobType(jobType)
        .handler((jobClient, job) -> {
          handled.incrementAndGet();
          jobClient.newCompleteCommand(job).send();
        })
        .streamEnabled(true).pollInterval(Duration.ofMinutes(10)).requestTimeout(Duration.ofMillis(200)).open()) {
      awaitStreamOpen(client, processId);

      // large jobs, many at once: more than the stream's send buffer holds, so some pushes are refused
      String payload = "x".repeat(4_000);
      long started = System.nanoTime();
      List<CamundaFuture<ProcessInstanceEvent>> created = new ArrayList<>();
      for (int n = 0; n < 1_000; n++) {
        created.add(client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
            .variables(Map.of("payload", payload)).send());
      }
      created.forEach(CamundaFuture::join);
      // jobs the stream refused while full are pushed again once it is ready: all arrive without a
      // poll (the worker's next one is ten minutes away)
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (handled.get() < 1_000 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(handled.get()).as("jobs handled through the stream alone").isGreaterThanOrEqualTo(1_000);
      System.out.printf("JobStreamingIT: a burst of 1,000 jobs of 4 KB through the stream alone in %d ms%n",
          (System.nanoTime() - started) / 1_000_000);

      // and the stream itself still delivers new jobs
      client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
          .withResult().requestTimeout(Duration.ofSeconds(5)).send().join();
    }
  }

  @Test
  void jobsArePushedOnlyForTheStreamedTypeAndOthersStayActivatable() throws Exception {
    CamundaClient client = client(Transport.GRPC);
    String streamedProcess = uniqueId("streamed-only", Transport.GRPC);
    String streamedType = uniqueId("streamed-only", Transport.GRPC);
    String otherProcess = uniqueId("not-streamed", Transport.GRPC);
    String otherType = uniqueId("not-streamed", Transport.GRPC);
    deploy(client, oneTask(streamedProcess, streamedType));
    deploy(client, oneTask(otherProcess, otherType));

    try (JobWorker worker = client.newWorker().jobType(streamedType)
        .handler((jobClient, job) -> jobClient.newCompleteCommand(job).send().join())
        .streamEnabled(true).pollInterval(Duration.ofMinutes(10)).requestTimeout(Duration.ofMillis(200)).open()) {
      awaitStreamOpen(client, streamedProcess);
      long otherInstance = startInstance(client, otherProcess, Map.of());

      var job = activateOne(client, otherType);
      assertThat(job.getProcessInstanceKey()).isEqualTo(otherInstance);
    }
  }

  /**
   * Jobs that became activatable before the stream was registered are not pushed (only polled),
   * so the test waits until a probe instance is completed through the stream.
   */
  private static void awaitStreamOpen(CamundaClient client, String processId) throws InterruptedException {
    Thread.sleep(500); // the worker's first poll (200 ms) has ended: from now on only the stream delivers
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion().variables(Map.of("n", -1))
            .withResult().requestTimeout(Duration.ofSeconds(1)).send().join();
        return;
      } catch (RuntimeException notYet) {
        // the probe's job was created before the stream was open; try another one
      }
    }
    throw new AssertionError("the worker's job stream did not open within 10 s");
  }
}
