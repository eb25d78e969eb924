package cn.relief.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.function.IntConsumer;

/**
 * History search at scale: tops the history up to the wanted number of process instances (a
 * process of four pass-through steps, so about six element instances each), waits until the
 * projection has caught up with the log, and times the client's searches over REST.
 */
final class HistoryProbe {
  /** What was measured. */
  record HistoryResult(long processInstances, long elementInstances, long variables, double fillSeconds,
      double catchUpSeconds, long maxLagRecords, long maxLagMillis, Map<String, double[]> latencies, int samples) {}

  /** Samples how far the projection is behind while the workloads run. */
  static final class LagSampler implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long maxRecords;
    private volatile long maxMillis;

    LagSampler(BenchEngine engine) {
      var projector = engine.historyProjector();
      thread = new Thread(() -> {
        while (running) {
          var lag = projector.lag();
          maxRecords = Math.max(maxRecords, lag.records());
          maxMillis = Math.max(maxMillis, lag.millisBehind());
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "bench-history-lag");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() {
      running = false;
      thread.interrupt();
    }
  }

  private HistoryProbe() {}

  static HistoryResult run(BenchEngine engine, LagSampler lag, long wantedInstances, int samples) throws Exception {
    try (CamundaClient grpc = Clients.client(engine, false, 1); CamundaClient rest = Clients.client(engine, true, 1)) {
      long fillStarted = System.nanoTime();
      fill(engine, grpc, wantedInstances);
      double fillSeconds = (System.nanoTime() - fillStarted) / 1e9;
      long target = engine.engine().statistics().lastPosition();
      long caughtUpStarted = System.nanoTime();
      if (!engine.historyProjector().awaitPosition(target, Duration.ofMinutes(10))) {
        throw new IllegalStateException("The history projection did not catch up within 10 minutes");
      }
      double catchUp = (System.nanoTime() - caughtUpStarted) / 1e9;
      lag.close();
      // the tables grew by hundreds of thousands of rows within minutes; autovacuum analyzes them in
      // its own time, a long-running system has current statistics anyway
      try (Connection connection = engine.dataSource().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("ANALYZE");
      }
      long instances = count(engine, "history_process_instance");
      long elements = count(engine, "history_element_instance");
      long variables = count(engine, "history_variable");
      String definition = firstValue(engine,
          "SELECT bpmn_process_id FROM history_process_instance WHERE bpmn_process_id LIKE 'bench-%' "
              + "GROUP BY bpmn_process_id ORDER BY count(*) DESC LIMIT 1");
      List<long[]> picks = picks(engine, definition, 1000);
      Random random = new Random(42);
      Map<String, double[]> latencies = new LinkedHashMap<>();
      latencies.put("process instances by definition, state and a variable's value (page of 50)", time(samples, i -> {
        long[] pick = picks.get(random.nextInt(picks.size()));
        var result = rest.newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId(definition).state(ProcessInstanceState.COMPLETED)
                .variables(Map.of("t0", pick[1])))
            .page(p -> p.limit(50)).send().join();
        if (result.items().isEmpty()) {
          throw new IllegalStateException("The search found nothing for t0 = " + pick[1]);
        }
      }));
      latencies.put("element instances of one instance", time(samples, i -> {
        long[] pick = picks.get(random.nextInt(picks.size()));
        var result = rest.newElementInstanceSearchRequest().filter(f -> f.processInstanceKey(pick[0]))
            .page(p -> p.limit(100)).send().join();
        if (result.items().isEmpty()) {
          throw new IllegalStateException("No element instances for " + pick[0]);
        }
      }));
      latencies.put("newest completed instances of a definition (page of 50, by start date)", time(samples, i ->
          rest.newProcessInstanceSearchRequest()
              .filter(f -> f.processDefinitionId(definition).state(ProcessInstanceState.COMPLETED))
              .sort(s -> s.startDate().desc()).page(p -> p.limit(50)).send().join()));
      return new HistoryResult(instances, elements, variables, fillSeconds, catchUp, lag.maxRecords, lag.maxMillis,
          latencies, samples);
    }
  }

  /** Creates instances of a short pass-through process until the history holds the wanted number. */
  private static void fill(BenchEngine engine, CamundaClient client, long wanted) throws Exception {
    // the projection may still be behind: count what the engine created, not what is projected yet
    engine.historyProjector().awaitPosition(engine.engine().statistics().lastPosition(), Duration.ofMinutes(5));
    long missing = Math.max(0, wanted - count(engine, "history_process_instance"));
    if (missing <= 0) {
      return;
    }
    String id = "bench-history-fill";
    Clients.deploy(client, Bpmn.createExecutableProcess(id).startEvent().manualTask("a").manualTask("b")
        .manualTask("c").manualTask("d").endEvent().done(), id);
    Semaphore inFlight = new Semaphore(500);
    for (long i = 0; i < missing; i++) {
      inFlight.acquire();
      CompletionStage<?> sent = client.newCreateInstanceCommand().bpmnProcessId(id).latestVersion()
          .variables(Map.of("t0", System.nanoTime(), "p", -1)).send();
      sent.whenComplete((r, e) -> inFlight.release());
      if (i > 0 && i % 50_000 == 0) {
        System.out.printf("   history fill: %d of %d instances created%n", i, missing);
      }
    }
    inFlight.acquire(500);
  }

  private static double[] time(int samples, IntConsumer query) {
    for (int i = 0; i < Math.min(50, samples); i++) {
      query.accept(i); // warm-up: JIT, connection pool, PostgreSQL caches
    }
    double[] millis = new double[samples];
    for (int i = 0; i < samples; i++) {
      long started = System.nanoTime();
      query.accept(i);
      millis[i] = (System.nanoTime() - started) / 1e6;
    }
    Arrays.sort(millis);
    return new double[] {percentile(millis, 50), percentile(millis, 95), percentile(millis, 99), millis[samples - 1]};
  }

  private static double percentile(double[] sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static List<long[]> picks(BenchEngine engine, String definition, int count) throws SQLException {
    List<long[]> picks = new ArrayList<>();
    String sql = "SELECT pi.process_instance_key, v.value FROM history_process_instance pi "
        + "JOIN history_variable v ON v.process_instance_key = pi.process_instance_key AND v.name = 't0' "
        + "WHERE pi.bpmn_process_id = '" + definition.replace("'", "''") + "' AND pi.state = 'COMPLETED' "
        + "ORDER BY random() LIMIT " + count;
    try (Connection connection = engine.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        picks.add(new long[] {rows.getLong(1), Long.parseLong(rows.getString(2))});
      }
    }
    if (picks.isEmpty()) {
      throw new IllegalStateException("No completed instance of " + definition + " with a variable t0 to search for");
    }
    return picks;
  }

  private static long count(BenchEngine engine, String table) throws SQLException {
    return Long.parseLong(firstValue(engine, "SELECT count(*) FROM " + table));
  }

  private static String firstValue(BenchEngine engine, String sql) throws SQLException {
    try (Connection connection = engine.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
