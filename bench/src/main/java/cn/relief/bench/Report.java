package cn.relief.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/** The results as markdown. */
final class Report {
  private Report() {}

  static String markdown(BenchSettings settings, Map<String, String> environment, List<Workload.Result> results,
      HeapProbe.HeapResult heap) {
    StringBuilder md = new StringBuilder();
    md.append("# Relief engine benchmark").append(settings.fsync ? " (PostgreSQL fsync=on)" : "").append("\n\n");
    md.append("Embedded engine + embedded PostgreSQL + real Camunda client (camunda-client-java) workers, all in one JVM")
        .append(" except PostgreSQL. See bench/README.md for what is measured.\n\n");

    md.append("## Throughput: closed loop, ").append(settings.inflight).append(" instances in flight, ")
        .append(BenchSettings.format(settings.duration)).append(" after ").append(BenchSettings.format(settings.warmup))
        .append(" warm-up\n\n");
    md.append("| process | transport | completed instances/s | completed in window | latency p50 ms | latency p99 ms "
        + "| CPU cores: JVM / PostgreSQL / other | errors (create/complete/lost) |\n");
    md.append("|---|---|---:|---:|---:|---:|---|---|\n");
    for (Workload.Result r : results) {
      Workload.ClosedResult c = r.closed();
      md.append("| ").append(process(r)).append(" | ").append(transport(r)).append(" | ")
          .append(String.format("%.1f", c.completedPerSecond())).append(" | ").append(c.counted()).append(" | ")
          .append(ms(c.latency(), 50)).append(" | ").append(ms(c.latency(), 99)).append(" | ")
          .append(cpu(c.cpu())).append(" | ")
          .append(c.createErrors()).append('/').append(c.completeErrors()).append('/').append(c.lostAfterDrain())
          .append(" |\n");
    }

    md.append("\nCPU is in cores (this machine has ").append(Runtime.getRuntime().availableProcessors())
        .append("): the JVM holds engine, client and workers; \"other\" is everything else on the machine during ")
        .append("the window and should be near 0 for the figures to mean anything.\n");
    md.append("\n## Latency: open loop, ").append(settings.rate).append(" instances/s offered for ")
        .append(BenchSettings.format(settings.latencyDuration)).append(", create (intended send time) to completion\n\n");
    md.append("| process | transport | offered/s | sent/s | completed | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms "
        + "| CPU cores: JVM / PostgreSQL / other | errors (create/complete/lost) |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
    for (Workload.Result r : results) {
      Workload.OpenResult o = r.open();
      md.append("| ").append(process(r)).append(" | ").append(transport(r)).append(" | ")
          .append(o.offeredRate()).append(" | ").append(String.format("%.1f", o.achievedRate())).append(" | ")
          .append(o.completed()).append('/').append(o.created()).append(" | ")
          .append(ms(o.latency(), 50)).append(" | ").append(ms(o.latency(), 90)).append(" | ")
          .append(ms(o.latency(), 99)).append(" | ").append(ms(o.latency(), 99.9)).append(" | ")
          .append(maxMs(o.latency())).append(" | ").append(cpu(o.cpu())).append(" | ")
          .append(o.createErrors()).append('/').append(o.completeErrors()).append('/').append(o.lost()).append(" |\n");
    }

    md.append("\n## History projected after the create reply, during the open loop\n\n")
        .append("Every ").append(VisibilityProbe.EVERY).append("th instance of the open loop: from the create command's ")
        .append("reply until the projector has written the engine's position at that reply (checked in-process every ")
        .append("millisecond, adding no load). A search then finds it; its own time is in the history section.\n\n");
    md.append("| process | transport | instances watched | p50 ms | p99 ms | max ms | not projected in 30 s |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|\n");
    for (Workload.Result r : results) {
      Histogram v = r.open().historyVisible();
      md.append("| ").append(process(r)).append(" | ").append(transport(r)).append(" | ").append(v.getTotalCount())
          .append(" | ").append(ms(v, 50)).append(" | ").append(ms(v, 99)).append(" | ").append(maxMs(v))
          .append(" | ").append(r.open().historyNotVisible()).append(" |\n");
    }

    if (heap != null) {
      md.append("\n## Heap with ").append(heap.requested()).append(" instances waiting at a service task\n\n");
      md.append("Instances of a one-task process (one small variable each) created over gRPC with no worker; used heap ")
          .append("after `System.gc()` (full GC), read from the MemoryMXBean of the JVM that runs engine and harness.\n\n");
      md.append("| measurement | value |\n|---|---:|\n");
      md.append("| instances created (errors) | ").append(heap.created()).append(" (").append(heap.createErrors())
          .append(") in ").append(String.format("%.1f s, %.0f/s", heap.createSeconds(), heap.created() / heap.createSeconds()))
          .append(" |\n");
      md.append("| engine holds (element instances / jobs) | ").append(heap.statistics().elementInstances()).append(" / ")
          .append(heap.statistics().jobs()).append(" |\n");
      md.append("| used heap before creating them (engine idle after the runs above) | ").append(mib(heap.beforeUsed())).append(" |\n");
      md.append("| used heap with them waiting, client still open | ").append(mib(heap.withClientUsed())).append(" |\n");
      md.append("| **used heap with them waiting, client closed** | **").append(mib(heap.afterUsed())).append("** |\n");
      md.append("| growth per waiting instance | ")
          .append(String.format("%.0f bytes", (heap.afterUsed() - heap.beforeUsed()) / (double) Math.max(1, heap.created())))
          .append(" |\n");
      md.append("| client overhead (open minus closed) | ").append(mib(heap.withClientUsed() - heap.afterUsed())).append(" |\n");
      md.append("| max heap of the JVM | ").append(mib(heap.maxHeap())).append(" |\n");
      md.append("\nTop of the live class histogram with the instances waiting:\n\n```\n");
      heap.topClasses().forEach(l -> md.append(l).append('\n'));
      md.append("```\n");
    }

    md.append("\n## Targets (2-core machine)\n\n| target | measured | met |\n|---|---|---|\n");
    results.stream().filter(r -> r.tasks() == 1 && r.transport().equals("grpc")).findFirst().ifPresent(r ->
        target(md, ">= 500 one-task instances/s, gRPC streaming", String.format("%.1f/s", r.closed().completedPerSecond()),
            r.closed().completedPerSecond() >= 500));
    for (Workload.Result r : results) {
      Histogram h = r.open().latency();
      double p99 = h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0;
      target(md, "p99 <= 100 ms at " + settings.rate + "/s, " + process(r) + ", " + transport(r),
          String.format("%.1f ms", p99), p99 <= 100 && r.open().lost() == 0);
    }
    for (Workload.Result r : results) {
      Histogram v = r.open().historyVisible();
      double max = v.getTotalCount() == 0 ? Double.NaN : v.getMaxValue() / 1000.0;
      target(md, "history projected within 1 s of the reply at " + settings.rate + "/s, " + process(r) + ", "
          + transport(r), String.format("max %.1f ms", max), max <= 1000 && r.open().historyNotVisible() == 0);
    }
    if (heap != null) {
      target(md, "heap < 1 GiB with " + heap.requested() + " waiting", mib(heap.afterUsed()), heap.afterUsed() < (1L << 30));
    }

    md.append("\n## Environment and knobs\n\n| | |\n|---|---|\n");
    environment.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.isBlank() ? "-" : "`" + v + "`").append(" |\n"));
    settings.describe().forEach((k, v) -> md.append("| ").append(k).append(" | `").append(v).append("` |\n"));
    return md.toString();
  }

  private static void target(StringBuilder md, String what, String measured, boolean met) {
    md.append("| ").append(what).append(" | ").append(measured).append(" | ").append(met ? "yes" : "**no**").append(" |\n");
  }

  private static String process(Workload.Result r) {
    return r.tasks() == 1 ? "1 service task" : r.tasks() + " service tasks";
  }

  private static String transport(Workload.Result r) {
    return r.transport().equals("rest") ? "REST, polling" : "gRPC, streaming";
  }

  private static String ms(Histogram h, double percentile) {
    return Optional.ofNullable(h).filter(x -> x.getTotalCount() > 0)
        .map(x -> String.format("%.1f", x.getValueAtPercentile(percentile) / 1000.0)).orElse("-");
  }

  private static String maxMs(Histogram h) {
    return h.getTotalCount() == 0 ? "-" : String.format("%.1f", h.getMaxValue() / 1000.0);
  }

  private static String cpu(CpuSampler.Usage u) {
    if (u == null) {
      return "-";
    }
    return String.format("%.2f / %.2f / %.2f", u.jvmCores(), u.postgresCores(), u.otherCores());
  }

  private static String mib(long bytes) {
    return String.format("%.0f MiB", bytes / (double) (1L << 20));
  }

  /** The history section: how far the projection fell behind, and search latencies at scale. */
  static String rebuild(RebuildProbe.RebuildResult rebuild) {
    if (rebuild == null) {
      return "";
    }
    return "\n## History projection alone: the whole log projected again\n\n"
        + "At the end of the run the history tables are emptied and a fresh projector projects every record of the "
        + "log again (reading it in chunks, as after a restart). CPU per thousand records depends little on what else "
        + "runs on the machine.\n\n"
        + "| measurement | value |\n|---|---:|\n"
        + String.format("| records projected | %d |%n", rebuild.records())
        + String.format("| took | %.1f s |%n", rebuild.seconds())
        + String.format("| **records per second** | **%.0f** |%n", rebuild.recordsPerSecond())
        + String.format("| CPU ms per 1000 records: JVM / PostgreSQL | %.1f / %.1f |%n", rebuild.jvmMillisPerThousand(),
            rebuild.postgresMillisPerThousand())
        + String.format("| CPU cores: JVM / PostgreSQL / other | %s |%n", cpu(rebuild.cpu()));
  }

  static String history(HistoryProbe.HistoryResult history) {
    if (history == null) {
      return "";
    }
    StringBuilder md = new StringBuilder();
    md.append("\n## History: projection lag and search at scale\n\n");
    md.append("History tables fed by the projector from the committed log while the runs above went on; then topped up ")
        .append("with a four-step pass-through process and searched with the Camunda client over REST.\n\n");
    md.append("| measurement | value |\n|---|---:|\n");
    md.append("| process instances / element instances / variables in history | ").append(history.processInstances())
        .append(" / ").append(history.elementInstances()).append(" / ").append(history.variables()).append(" |\n");
    md.append("| largest projection lag sampled during the runs (records / ms) | ").append(history.maxLagRecords())
        .append(" / ").append(history.maxLagMillis()).append(" |\n");
    md.append("| top-up took | ").append(String.format("%.1f s", history.fillSeconds())).append(" |\n");
    md.append("| projection caught up after the top-up in | ").append(String.format("%.2f s", history.catchUpSeconds()))
        .append(" |\n\n");
    md.append("| search (").append(history.samples()).append(" each, after 50 warm-up) | p50 ms | p95 ms | p99 ms | max ms |\n");
    md.append("|---|---:|---:|---:|---:|\n");
    history.latencies().forEach((name, p) -> md.append("| ").append(name).append(" | ")
        .append(String.format("%.1f | %.1f | %.1f | %.1f", p[0], p[1], p[2], p[3])).append(" |\n"));
    return md.toString();
  }
}
