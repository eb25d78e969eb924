package cn.relief.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU used during a window: by this JVM (engine + client + workers) and by the whole machine
 * (which adds PostgreSQL), as a share of all cores. Shows whether a run is CPU bound and where.
 */
final class CpuSampler {
  record Usage(double jvmCores, double machineCores, int cores) {}

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long startWall;
  private long startJvm;
  private long[] startMachine;

  void start() {
    startWall = System.nanoTime();
    startJvm = os.getProcessCpuTime();
    startMachine = machineTicks();
  }

  Usage stop() {
    double wall = System.nanoTime() - startWall;
    double jvm = (os.getProcessCpuTime() - startJvm) / wall;
    long[] end = machineTicks();
    double machine = Double.NaN;
    int cores = Runtime.getRuntime().availableProcessors();
    if (startMachine != null && end != null) {
      long busy = end[0] - startMachine[0];
      long total = end[1] - startMachine[1];
      machine = total == 0 ? Double.NaN : cores * (double) busy / total;
    }
    return new Usage(jvm, machine, cores);
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
}
