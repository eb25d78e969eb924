package cn.relief.engine;

import cn.relief.engine.log.PostgresEventLog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * For tests that drive the engine in-process on a PostgreSQL of their own (one per test class,
 * migrated), outside the Spring context the integration tests share.
 */
public abstract class EmbeddedPostgresTest {
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.start();
    PostgresEventLog.migrate(postgres.getPostgresDatabase());
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  protected static DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  /** Partition 1, short idle waits, a snapshot every {@code snapshotInterval} records (0: none). */
  protected static EngineConfiguration engineConfig(long snapshotInterval, boolean clockControllable) {
    return new EngineConfiguration(1, 1000, 20_000, Duration.ofMillis(50), "localhost", 0, "test", snapshotInterval,
        clockControllable);
  }
}
