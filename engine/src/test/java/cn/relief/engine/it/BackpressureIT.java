package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Floods an engine whose command queue holds only {@value #QUEUE_LIMIT} commands with instance
 * creations over gRPC and REST at once, as fast as the clients send them, and checks Zeebe's
 * back-pressure contract: the overflow is refused with RESOURCE_EXHAUSTED (gRPC status; REST 503
 * problem titled RESOURCE_EXHAUSTED), a refused creation leaves nothing behind, retrying with
 * back-off gets every creation through, each exactly once, and the heap stays bounded.
 *
 * <p>Its own engine (its own context, closed afterwards): the small limit must not slow the
 * other tests. {@code -Drelief.backpressure.requests} sets the creations per transport.
 */
@SpringBootTest(classes = TestEngineApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "relief.engine.max-queued-commands=" + BackpressureIT.QUEUE_LIMIT)
@DirtiesContext
class BackpressureIT extends ClientTestSupport {
  static final int QUEUE_LIMIT = 10;
  private static final String NAME = "BackpressureIT";
  private static final int PER_TRANSPORT = Integer.getInteger("relief.backpressure.requests", 300);
  private static final int MAX_ATTEMPTS = 60;

  /** One creation the test wants, retried until the engine takes it. */
  private final class Request {
    final int id;
    final Transport transport;
    final CamundaClient client;
    final CompletableFuture<Long> key = new CompletableFuture<>();
    int attempts;

    Request(int id, Transport transport, CamundaClient client) {
      this.id = id;
      this.transport = transport;
      this.client = client;
    }
  }

  private final AtomicLong attempts = new AtomicLong();
  private final Map<Transport, AtomicInteger> refusals = new ConcurrentHashMap<>();
  private final AtomicInteger maxRetries = new AtomicInteger();
  private final AtomicLong maxHeapSeen = new AtomicLong();
  private final ScheduledExecutorService retries = Executors.newScheduledThreadPool(2);
  private String processId;

  @Test
  void overflowIsRefusedWithResourceExhaustedAndRetriesGetEveryCreationThroughOnce() throws Exception {
    processId = uniqueId("flood", Transport.GRPC);
    CamundaClient grpcClient = client(Transport.GRPC);
    CamundaClient restClient = client(Transport.REST);
    deploy(grpcClient, Bpmn.createExecutableProcess(processId).startEvent().endEvent().done());
    refusals.put(Transport.GRPC, new AtomicInteger());
    refusals.put(Transport.REST, new AtomicInteger());

    long heapBefore = heapAfterGc();
    Thread heapSampler = new Thread(this::sampleHeap, "backpressure-heap");
    heapSampler.setDaemon(true);
    heapSampler.start();

    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < PER_TRANSPORT * 2; i++) {
      boolean grpc = i % 2 == 0;
      requests.add(new Request(i, grpc ? Transport.GRPC : Transport.REST, grpc ? grpcClient : restClient));
    }
    long start = System.nanoTime();
    // every creation is sent at once, from a few threads: far more than the engine queues
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int first = t;
      Thread sender = new Thread(() -> {
        for (int i = first; i < requests.size(); i += 4) {
          attempt(requests.get(i));
        }
      }, "backpressure-sender-" + t);
      sender.start();
      senders.add(sender);
    }
    for (Thread sender : senders) {
      sender.join();
    }
    double offerSeconds = (System.nanoTime() - start) / 1e9;
    CompletableFuture.allOf(requests.stream().map(r -> r.key).toArray(CompletableFuture[]::new))
        .get(4, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - start) / 1e9;
    heapSampler.interrupt();
    retries.shutdownNow();
    long heapAfter = heapAfterGc();

    int refusedGrpc = refusals.get(Transport.GRPC).get();
    int refusedRest = refusals.get(Transport.REST).get();
    System.out.printf(Locale.ROOT, "%s: %d creations (%d per transport) offered in %.2f s (%.0f/s) to a queue of %d;"
            + " all accepted after %.1f s (%.0f accepted/s)%n", NAME, requests.size(), PER_TRANSPORT, offerSeconds,
        requests.size() / offerSeconds, QUEUE_LIMIT, seconds, requests.size() / seconds);
    System.out.printf(Locale.ROOT, "%s: %d attempts, %d refused with RESOURCE_EXHAUSTED (%.1f%%; gRPC %d, REST %d),"
            + " most retries of one creation %d%n", NAME, attempts.get(), refusedGrpc + refusedRest,
        100.0 * (refusedGrpc + refusedRest) / attempts.get(), refusedGrpc, refusedRest, maxRetries.get());
    System.out.printf(Locale.ROOT, "%s: heap used after GC %.1f MiB before, %.1f MiB after; largest seen %.1f MiB%n",
        NAME, heapBefore / 1048576.0, heapAfter / 1048576.0, maxHeapSeen.get() / 1048576.0);

    assertThat(refusedGrpc).as("gRPC creations refused").isPositive();
    assertThat(refusedRest).as("REST creations refused").isPositive();
    // every creation got through exactly once, and the refused attempts left nothing behind
    Map<Long, Long> instancesByRequest = instancesByRequestId();
    Map<Long, Long> acknowledged = new HashMap<>();
    for (Request request : requests) {
      acknowledged.put((long) request.id, request.key.join());
    }
    assertThat(instancesByRequest).isEqualTo(acknowledged);
    assertThat(longs("SELECT count(*) FROM engine_record WHERE value_type = 'PROCESS_INSTANCE'"
        + " AND intent = 'ELEMENT_ACTIVATING' AND value::jsonb->>'bpmnProcessId' = ?"
        + " AND value::jsonb->>'bpmnElementType' = 'PROCESS'", processId))
        .as("instances created").containsExactly((long) requests.size());
    assertThat(heapAfter).as("heap after the flood").isLessThan(heapBefore + 256L * 1024 * 1024);

    // and the engine works normally afterwards, without retries
    assertThat(startInstance(restClient, processId, Map.of())).isPositive();
    assertThat(startInstance(grpcClient, processId, Map.of())).isPositive();
  }

  @Test
  void longPollsBeyondTheLimitAreRefusedWithResourceExhausted() throws Exception {
    String jobType = uniqueId("nothing", Transport.GRPC);
    List<CompletableFuture<?>> polls = new ArrayList<>();
    Map<Transport, AtomicInteger> refused = Map.of(Transport.GRPC, new AtomicInteger(), Transport.REST,
        new AtomicInteger());
    AtomicInteger answeredEmpty = new AtomicInteger();
    List<Throwable> other = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (Transport transport : Transport.values()) {
      CamundaClient client = client(transport);
      for (int i = 0; i < QUEUE_LIMIT * 2; i++) {
        polls.add(client.newActivateJobsCommand().jobType(jobType).maxJobsToActivate(1)
            .requestTimeout(Duration.ofSeconds(3)).send().toCompletableFuture()
            .whenComplete((jobs, error) -> {
              if (error == null) {
                answeredEmpty.incrementAndGet();
              } else if (Status.fromThrowable(error).getCode() == Status.Code.RESOURCE_EXHAUSTED
                  || error instanceof ProblemException p && p.code() == 503
                      && "RESOURCE_EXHAUSTED".equals(p.details().getTitle())) {
                refused.get(transport).incrementAndGet();
              } else {
                other.add(error);
              }
            }).exceptionally(e -> null));
      }
    }
    CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
    System.out.printf("%s: %d long polls sent, %d waited and were answered empty, %d refused (gRPC %d, REST %d)%n",
        NAME, polls.size(), answeredEmpty.get(), refused.values().stream().mapToInt(AtomicInteger::get).sum(),
        refused.get(Transport.GRPC).get(), refused.get(Transport.REST).get());
    assertThat(other).isEmpty();
    assertThat(answeredEmpty.get()).as("long polls that waited").isPositive().isLessThanOrEqualTo(QUEUE_LIMIT);
    assertThat(answeredEmpty.get() + refused.values().stream().mapToInt(AtomicInteger::get).sum())
        .isEqualTo(polls.size());
    // once they are answered, the next ones wait again
    assertThat(activate(client(Transport.GRPC), jobType, 1, Duration.ofMinutes(1), Duration.ofMillis(500))).isEmpty();
  }

  private void attempt(Request request) {
    attempts.incrementAndGet();
    request.attempts++;
    request.client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
        .variables(Map.of("requestId", request.id))
        // generous: on this shared two-core machine a flood's answers can take longer than the usual 20 s
        .requestTimeout(Duration.ofSeconds(60))
        .send()
        .whenComplete((created, error) -> {
          if (error == null) {
            maxRetries.accumulateAndGet(request.attempts - 1, Math::max);
            request.key.complete(created.getProcessInstanceKey());
            return;
          }
          Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
          if (!isBackPressure(request.transport, cause)) {
            request.key.completeExceptionally(new AssertionError(
                "Expected creation " + request.id + " to be accepted or refused with RESOURCE_EXHAUSTED, but attempt "
                    + request.attempts + " failed with " + cause, cause));
            return;
          }
          refusals.get(request.transport).incrementAndGet();
          if (request.attempts >= MAX_ATTEMPTS) {
            request.key.completeExceptionally(new AssertionError(
                "Creation " + request.id + " was still refused after " + MAX_ATTEMPTS + " attempts"));
            return;
          }
          // exponential back-off with jitter, as a client should retry
          long backOff = Math.min(2_000, 10L << Math.min(request.attempts, 8));
          retries.schedule(() -> attempt(request), ThreadLocalRandom.current().nextLong(backOff / 2, backOff + 1),
              TimeUnit.MILLISECONDS);
        });
  }

  /** Zeebe's shape of back-pressure: gRPC status RESOURCE_EXHAUSTED; REST 503 problem titled so. */
  private static boolean isBackPressure(Transport transport, Throwable error) {
    if (transport == Transport.GRPC) {
      // the client's futures fail with the gRPC status itself; join() would wrap it in a ClientStatusException
      Status status = Status.fromThrowable(error);
      return status.getCode() == Status.Code.RESOURCE_EXHAUSTED
          && status.getDescription() != null
          && status.getDescription().contains("queued commands");
    }
    return error instanceof ProblemException problem
        && problem.code() == 503
        && problem.details() != null
        && "RESOURCE_EXHAUSTED".equals(problem.details().getTitle())
        && problem.details().getStatus() == 503
        && problem.details().getDetail() != null
        && problem.details().getDetail().contains("queued commands");
  }

  /** The instance each requestId variable started, from the event log (one row per instance). */
  private Map<Long, Long> instancesByRequestId() {
    Map<Long, Long> instances = new HashMap<>();
    List<Long> rows = longs("""
        SELECT v.value::jsonb->>'value' FROM engine_record v
         WHERE v.value_type = 'VARIABLE' AND v.intent = 'CREATED' AND v.value::jsonb->>'name' = 'requestId'
           AND v.value::jsonb->>'bpmnProcessId' = ?
         ORDER BY v.position
        """, processId);
    List<Long> keys = longs("""
        SELECT (v.value::jsonb->>'processInstanceKey')::bigint FROM engine_record v
         WHERE v.value_type = 'VARIABLE' AND v.intent = 'CREATED' AND v.value::jsonb->>'name' = 'requestId'
           AND v.value::jsonb->>'bpmnProcessId' = ?
         ORDER BY v.position
        """, processId);
    for (int i = 0; i < rows.size(); i++) {
      Long previous = instances.put(rows.get(i), keys.get(i));
      assertThat(previous).as("a second instance for requestId %d", rows.get(i)).isNull();
    }
    return instances;
  }

  private void sampleHeap() {
    while (!Thread.currentThread().isInterrupted()) {
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      maxHeapSeen.accumulateAndGet(used, Math::max);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
