package cn.relief.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU used during a window, in cores (1.0 = one core busy all the time): by this JVM (engine,
 * client, workers), by the embedded PostgreSQL (postmaster and its children, from /proc) and by
 * the whole machine. "Other" = machine - JVM - PostgreSQL: anything else running on the machine
 * at the same time, which makes the figures unreliable when it is not close to 0.
 */
final class CpuSampler {
  record Usage(double jvmCores, double postgresCores, double machineCores, int cores) {
    double otherCores() {
      return machineCores - jvmCores - postgresCores;
    }
  }

  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final long postmasterPid;
  private long startWall;
  private long startJvm;
  private long[] startMachine;
  private Map<Long, Long> startPostgres;

  /** @param postmasterPid the embedded PostgreSQL's postmaster, or -1 if unknown */
  CpuSampler(long postmasterPid) {
    this.postmasterPid = postmasterPid;
  }

  void start() {
    startWall = System.nanoTime();
    startJvm = os.getProcessCpuTime();
    startMachine = machineTicks();
    startPostgres = postgresTicks();
  }

  Usage stop() {
    double wall = System.nanoTime() - startWall;
    double jvm = (os.getProcessCpuTime() - startJvm) / wall;
    long[] end = machineTicks();
    Map<Long, Long> endPostgres = postgresTicks();
    int cores = Runtime.getRuntime().availableProcessors();
    double machine = Double.NaN;
    if (startMachine != null && end != null) {
      long busy = end[0] - startMachine[0];
      long total = end[1] - startMachine[1];
      machine = total == 0 ? Double.NaN : cores * (double) busy / total;
    }
    double postgres = Double.NaN;
    if (startPostgres != null && endPostgres != null) {
      long ticks = 0;
      for (Map.Entry<Long, Long> e : endPostgres.entrySet()) {
        ticks += e.getValue() - startPostgres.getOrDefault(e.getKey(), 0L);
      }
      postgres = ticks / (double) CLOCK_TICKS_PER_SECOND / (wall / 1e9);
    }
    return new Usage(jvm, postgres, machine, cores);
  }

  /** {busy, total} jiffies of all CPUs from /proc/stat, or null where there is none. */
  private static long[] machineTicks() {
    try {
      String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = line.trim().split("\\s+");
      long total = 0;
      // user nice system idle iowait irq softirq steal (guest time is already inside user)
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** utime+stime per pid of the postmaster and its children, or null where /proc is not there. */
  private Map<Long, Long> postgresTicks() {
    if (postmasterPid <= 0) {
      return null;
    }
    Map<Long, Long> ticks = new HashMap<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        try {
          String stat = Files.readString(proc.resolve("stat"));
          // after the command name in parentheses: state ppid ... utime(14) stime(15), 1-based fields
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long pid = Long.parseLong(proc.getFileName().toString());
          long ppid = Long.parseLong(f[1]);
          if (pid == postmasterPid || ppid == postmasterPid) {
            ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
          }
        } catch (IOException | RuntimeException ignored) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      return null;
    }
    return ticks;
  }

  /** The postmaster's pid from postmaster.pid in the data folder, or -1. */
  static long postmasterPid(Path dataDirectory) {
    try {
      List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
      return Long.parseLong(lines.get(0).trim());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
