package cn.relief.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The performance harness: starts the embedded engine on embedded PostgreSQL (synchronous_commit
 * on, a fresh data folder), drives it with real Camunda client workers, prints a markdown table
 * and writes it to bench/results/latest.md.
 *
 * <pre>
 * mvn -q -pl bench -am package -DskipTests && java -jar bench/target/relief-bench.jar
 * java -Dbench.duration=5s -Dbench.latencyDuration=5s -Dbench.heapInstances=10000 -jar bench/target/relief-bench.jar
 * </pre>
 */
public final class EngineBenchmark {
  private EngineBenchmark() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1); // client and server threads would keep the JVM alive
    }
    System.exit(0); // client and server thread pools need not linger
  }

  private static void run(String[] args) throws Exception {
    BenchSettings settings = BenchSettings.from(args);
    System.out.println("Relief engine benchmark; settings: " + settings.describe());
    long started = System.nanoTime();
    String report;
    try (BenchEngine engine = BenchEngine.start(settings.keepData, settings.fsync)) {
      System.out.printf("Engine started: REST on 127.0.0.1:%d, gRPC on 127.0.0.1:%d%n", engine.httpPort, engine.grpcPort);
      Map<String, String> environment = environment(engine);
      List<Workload.Result> results = new ArrayList<>();
      HistoryProbe.LagSampler lag = new HistoryProbe.LagSampler(engine);
      for (String scenario : settings.scenarios) {
        for (String transport : settings.transports) {
          results.add(new Workload(settings, engine, scenario, transport).run());
        }
      }
      HistoryProbe.HistoryResult history = settings.historyInstances > 0
          ? HistoryProbe.run(engine, lag, settings.historyInstances, settings.historySamples) : null;
      lag.close();
      HeapProbe.HeapResult heap = settings.heapInstances > 0 ? HeapProbe.run(engine, settings.heapInstances) : null;
      RebuildProbe.RebuildResult rebuild = settings.rebuild ? RebuildProbe.run(engine) : null;
      environment.put("engine records written (last position)", String.valueOf(engine.engine().statistics().lastPosition()));
      environment.put("run took", String.format("%.0f s", (System.nanoTime() - started) / 1e9));
      report = Report.markdown(settings, environment, results, heap) + Report.history(history) + Report.rebuild(rebuild);
    }
    System.out.println();
    System.out.println(report);
    Path output = settings.output;
    if (output.getParent() != null) {
      Files.createDirectories(output.getParent());
    }
    Files.writeString(output, report);
    System.out.println("Written to " + output.toAbsolutePath());
  }

  private static Map<String, String> environment(BenchEngine engine) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    env.put("date", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    env.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    env.put("cpu", cpuModel());
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    env.put("memory", String.format("%.1f GiB", os.getTotalMemorySize() / (double) (1L << 30)));
    env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    env.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    env.put("jvm arguments", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    env.put("max heap", String.format("%d MiB", Runtime.getRuntime().maxMemory() >> 20));
    env.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", ")));
    env.put("postgresql", postgres(engine));
    env.put("engine max batch size", engine.property("relief.engine.max-batch-size", "1000 (default)"));
    env.put("git commit", gitCommit());
    return env;
  }

  private static String postgres(BenchEngine engine) {
    try (Connection c = engine.dataSource().getConnection(); Statement s = c.createStatement()) {
      StringBuilder out = new StringBuilder();
      for (String query : List.of("SHOW server_version", "SHOW synchronous_commit", "SHOW fsync", "SHOW wal_sync_method")) {
        try (ResultSet r = s.executeQuery(query)) {
          r.next();
          out.append(out.isEmpty() ? "" : ", ").append(query.substring(5)).append('=').append(r.getString(1));
        }
      }
      return "embedded (zonky) " + out;
    } catch (Exception e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String gitCommit() {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes()).trim();
      String dirty = "";
      Process status = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").redirectErrorStream(true).start();
      if (!new String(status.getInputStream().readAllBytes()).isBlank()) {
        dirty = " (with uncommitted changes)";
      }
      return git.waitFor() == 0 ? out + dirty : "unknown";
    } catch (Exception e) {
      return "unknown";
    }
  }
}
