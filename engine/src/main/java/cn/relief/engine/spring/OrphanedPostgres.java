package cn.relief.engine.spring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL runs as a child process. When the application is killed (kill -9, power
 * loss of the JVM only) that child keeps running and holds the data folder's lock, so the next start
 * would fail. This stops such a left-over server first; PostgreSQL's own crash recovery makes the
 * data consistent again.
 */
final class OrphanedPostgres {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanedPostgres.class);

  private OrphanedPostgres() {}

  static void stopIfRunning(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    if (lines.size() < 2) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    // only a postgres process serving this very folder is ours to stop
    if (process.isEmpty() || !process.get().isAlive()
        || !lines.get(1).trim().equals(dataDirectory.toString())
        || !process.get().info().command().map(c -> c.endsWith("postgres")).orElse(false)) {
      return;
    }
    LOG.warn("A PostgreSQL server left over from an earlier run (pid {}) still holds {}; stopping it", pid, dataDirectory);
    process.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with the old JVM
    try {
      process.get().onExit().get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("The left-over PostgreSQL (pid {}) did not stop in time; stopping it at once", pid);
      process.get().destroyForcibly();
    }
  }
}
