package cn.relief.bench;

import cn.relief.engine.processing.StreamProcessor;
import io.camunda.client.CamundaClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;

/**
 * Heap used with many instances waiting at a service task that no worker serves. The harness
 * shares the JVM with the engine, so the figure is taken after a full GC with the client closed
 * (its buffers and threads are gone); the figure with the client still open is reported beside it.
 */
final class HeapProbe {
  record HeapResult(int requested, long created, long createErrors, double createSeconds, long beforeUsed,
      long withClientUsed, long afterUsed, long maxHeap, StreamProcessor.Statistics statistics,
      List<String> topClasses) {}

  private static final int IN_FLIGHT = 500;

  static HeapResult run(BenchEngine engine, int instances) {
    String processId = "bench-heap";
    System.out.printf("%n== heap: %d instances of a one-task process, no worker%n", instances);
    long before = usedAfterGc();
    long withClient;
    AtomicLong errors = new AtomicLong();
    AtomicLong created = new AtomicLong();
    long started = System.nanoTime();
    try (CamundaClient client = Clients.client(engine, false, 1)) {
      Clients.deploy(client, Clients.sequence(processId, "bench-heap-nobody", 1), processId);
      Semaphore permits = new Semaphore(IN_FLIGHT);
      for (int i = 0; i < instances; i++) {
        permits.acquireUninterruptibly();
        int n = i;
        client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
            .variables(Map.of("caseNumber", n))
            .send()
            .whenComplete((ok, failure) -> {
              if (failure == null) {
                created.incrementAndGet();
              } else if (errors.incrementAndGet() <= 5) {
                System.out.println("   could not create instance: " + failure);
              }
              permits.release();
            });
        if ((i + 1) % 20_000 == 0) {
          System.out.printf("   %d instances sent%n", i + 1);
        }
      }
      permits.acquireUninterruptibly(IN_FLIGHT);
      withClient = usedAfterGc();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    sleep(500); // let the client's threads wind down
    long after = usedAfterGc();
    StreamProcessor.Statistics statistics = engine.engine().statistics();
    return new HeapResult(instances, created.get(), errors.get(), seconds, before, withClient, after,
        Runtime.getRuntime().maxMemory(), statistics, topClasses(20));
  }

  static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** The top of a live class histogram (jcmd GC.class_histogram), as evidence of what the heap holds. */
  private static List<String> topClasses(int count) {
    List<String> lines = new ArrayList<>();
    try {
      Object out = ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
      String[] all = out.toString().split("\n");
      for (int i = 0; i < all.length && lines.size() < count + 2; i++) {
        lines.add(all[i]);
      }
      if (all.length > 0) {
        lines.add(all[all.length - 1]); // the Total line
      }
    } catch (Exception e) {
      lines.add("(class histogram not available: " + e + ")");
    }
    return lines;
  }

  private static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
