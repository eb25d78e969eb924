package cn.relief.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The harness's knobs. Each is read from a system property ({@code -Dbench.duration=5s}) or from a
 * program argument ({@code bench.duration=5s} or {@code --bench.duration=5s}); arguments win.
 */
final class BenchSettings {
  /** Closed loop: how long completions are counted (after the warm-up). */
  final Duration duration;
  /** Closed loop: how long it runs before counting starts (JIT, connection pools, caches). */
  final Duration warmup;
  /** Closed loop: how many instances may be in flight (created, not yet completed) at once. */
  final int inflight;
  /** Open loop: instances created per second. */
  final int rate;
  /** Open loop: how long instances are created at {@link #rate}. */
  final Duration latencyDuration;
  /** How long to wait for stragglers after a phase before calling them lost. */
  final Duration drainTimeout;
  /** Worker setting: maxJobsActive (jobs a polling worker may hold at once). */
  final int maxJobsActive;
  /** Worker setting: pollInterval; null keeps the client's default (100 ms). */
  final Duration pollInterval;
  /** Client setting: numJobWorkerExecutionThreads. */
  final int workerThreads;
  /** Which processes: {@code one}, {@code ten}. */
  final List<String> scenarios;
  /** Which transports: {@code rest} (REST, polling), {@code grpc} (gRPC, streaming). */
  final List<String> transports;
  /** Instances left waiting at a service task for the heap figure; 0 skips it. */
  final int heapInstances;
  final int historyInstances;
  final int historySamples;
  /** Where the markdown results are written. */
  final Path output;
  /** Keep the embedded PostgreSQL data folder after the run (it is deleted otherwise). */
  final boolean keepData;
  /** Empty the history at the end and project the whole log again, measuring the projection alone. */
  final boolean rebuild;
  /** Run PostgreSQL with fsync=on (the engine's auto-configuration leaves zonky's fsync=off). */
  final boolean fsync;

  private BenchSettings(Map<String, String> values) {
    this.duration = duration(values, "bench.duration", "60s");
    this.warmup = duration(values, "bench.warmup", "30s");
    this.inflight = integer(values, "bench.inflight", 100);
    this.rate = integer(values, "bench.rate", 200);
    this.latencyDuration = duration(values, "bench.latencyDuration", "30s");
    this.drainTimeout = duration(values, "bench.drainTimeout", "30s");
    this.maxJobsActive = integer(values, "bench.maxJobsActive", 100);
    this.workerThreads = integer(values, "bench.workerThreads", 1);
    this.pollInterval = values.containsKey("bench.pollInterval") ? duration(values, "bench.pollInterval", "100ms") : null;
    this.scenarios = list(values, "bench.scenarios", "one,ten");
    this.transports = list(values, "bench.transports", "rest,grpc");
    this.heapInstances = integer(values, "bench.heapInstances", 100_000);
    this.historyInstances = integer(values, "bench.historyInstances", 200_000);
    this.historySamples = integer(values, "bench.historySamples", 500);
    this.output = Path.of(values.getOrDefault("bench.output", defaultOutput()));
    this.keepData = Boolean.parseBoolean(values.getOrDefault("bench.keepData", "false"));
    this.rebuild = Boolean.parseBoolean(values.getOrDefault("bench.rebuild", "true"));
    this.fsync = Boolean.parseBoolean(values.getOrDefault("bench.fsync", "false"));
    if (inflight < 1 || rate < 1 || maxJobsActive < 1 || workerThreads < 1) {
      throw new IllegalArgumentException("bench.inflight, bench.rate, bench.maxJobsActive and bench.workerThreads must be >= 1");
    }
  }

  static BenchSettings from(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    System.getProperties().stringPropertyNames().stream()
        .filter(name -> name.startsWith("bench."))
        .forEach(name -> values.put(name, System.getProperty(name)));
    for (String arg : args) {
      String a = arg.startsWith("--") ? arg.substring(2) : arg.startsWith("-D") ? arg.substring(2) : arg;
      int eq = a.indexOf('=');
      if (eq > 0 && a.startsWith("bench.")) {
        values.put(a.substring(0, eq), a.substring(eq + 1));
      }
    }
    return new BenchSettings(values);
  }

  /** bench/results/latest.md when run from the repository root or from bench/, else ./latest.md under results/. */
  private static String defaultOutput() {
    if (Path.of("bench", "pom.xml").toFile().isFile()) {
      return "bench/results/latest.md";
    }
    return "results/latest.md";
  }

  Map<String, String> describe() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("bench.duration", format(duration));
    d.put("bench.warmup", format(warmup));
    d.put("bench.inflight", String.valueOf(inflight));
    d.put("bench.rate", String.valueOf(rate));
    d.put("bench.latencyDuration", format(latencyDuration));
    d.put("bench.drainTimeout", format(drainTimeout));
    d.put("bench.maxJobsActive", String.valueOf(maxJobsActive));
    d.put("bench.workerThreads", String.valueOf(workerThreads));
    d.put("bench.pollInterval", pollInterval == null ? "client default (100ms)" : format(pollInterval));
    d.put("bench.scenarios", String.join(",", scenarios));
    d.put("bench.transports", String.join(",", transports));
    d.put("bench.heapInstances", String.valueOf(heapInstances));
    d.put("bench.historyInstances", String.valueOf(historyInstances));
    d.put("bench.historySamples", String.valueOf(historySamples));
    d.put("bench.rebuild", String.valueOf(rebuild));
    d.put("bench.fsync", String.valueOf(fsync));
    return d;
  }

  static String format(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }

  private static Duration duration(Map<String, String> values, String key, String fallback) {
    String raw = values.getOrDefault(key, fallback).trim().toLowerCase(Locale.ROOT);
    try {
      if (raw.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(raw.substring(0, raw.length() - 2).trim()));
      }
      if (raw.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(raw.substring(0, raw.length() - 1).trim()) * 1000));
      }
      if (raw.endsWith("m")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(raw.substring(0, raw.length() - 1).trim()) * 60_000));
      }
      return Duration.ofMillis(Math.round(Double.parseDouble(raw) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Expected a duration such as 60s, 500ms or 2m for " + key + ", but got '" + raw + "'");
    }
  }

  private static int integer(Map<String, String> values, String key, int fallback) {
    String raw = values.get(key);
    if (raw == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Expected a whole number for " + key + ", but got '" + raw + "'");
    }
  }

  private static List<String> list(Map<String, String> values, String key, String fallback) {
    List<String> items = new ArrayList<>();
    for (String item : values.getOrDefault(key, fallback).split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim().toLowerCase(Locale.ROOT));
      }
    }
    return items;
  }
}
