package cn.relief.engine.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Embedded PostgreSQL (zonky) on a data directory and a port of its own, so that it can be stopped
 * and started again with the same data at the same address while the engine keeps running: the
 * engine's connections break and its JDBC URL stays valid.
 */
final class RestartablePostgres implements AutoCloseable {
  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres postgres;

  RestartablePostgres(Path dataDirectory) throws IOException {
    this.dataDirectory = dataDirectory.toAbsolutePath();
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    }
    deleteRecursively(this.dataDirectory); // left by an earlier run: start from an empty database
    Files.createDirectories(this.dataDirectory);
    start();
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  /** Stops the server (pg_ctl's fast shutdown: sessions are ended, nothing committed is lost). */
  void stop() throws IOException {
    postgres.close();
  }

  /** Starts the server on the same data and port; initializes the data directory the first time only. */
  void start() throws IOException {
    postgres = EmbeddedPostgres.builder()
        .setDataDirectory(dataDirectory)
        .setCleanDataDirectory(false)
        .setPort(port)
        .setServerConfig("synchronous_commit", "on")
        .start();
  }

  @Override
  public void close() throws IOException {
    postgres.close();
    deleteRecursively(dataDirectory);
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
