package cn.relief.bench;

import cn.relief.engine.history.HistoryProjector;
import cn.relief.engine.log.PostgresEventLog;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The projection's capacity, apart from the engine: at the end of the run the history tables are
 * emptied and the whole event log is projected again by a fresh projector (reading the log in
 * chunks, as after a restart). Records per second, and CPU per thousand records in the JVM and in
 * PostgreSQL; CPU time depends little on what else runs, so these compare across changes.
 */
final class RebuildProbe {
  record RebuildResult(long records, double seconds, CpuSampler.Usage cpu) {
    double recordsPerSecond() {
      return records / seconds;
    }

    double jvmMillisPerThousand() {
      return cpu.jvmCores() * seconds * 1000 / (records / 1000.0);
    }

    double postgresMillisPerThousand() {
      return cpu.postgresCores() * seconds * 1000 / (records / 1000.0);
    }
  }

  private RebuildProbe() {}

  static RebuildResult run(BenchEngine engine) throws Exception {
    long last = engine.engine().statistics().lastPosition();
    HistoryProjector live = engine.historyProjector();
    if (!live.awaitPosition(last, Duration.ofMinutes(10))) {
      throw new IllegalStateException("The history projection did not catch up with the log");
    }
    live.close();
    DataSource dataSource = engine.dataSource();
    emptyHistory(dataSource);
    System.out.printf("%n== history rebuild: projecting %d records of the log again%n", last);
    ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    CpuSampler cpu = new CpuSampler(engine.postmasterPid());
    cpu.start();
    long started = System.nanoTime();
    try (HistoryProjector rebuild = new HistoryProjector(dataSource, new PostgresEventLog(dataSource, json, 1), json, 1)) {
      rebuild.start();
      if (!rebuild.awaitPosition(last, Duration.ofMinutes(30))) {
        throw new IllegalStateException("Rebuilding the history took longer than 30 minutes");
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      RebuildResult result = new RebuildResult(last, seconds, cpu.stop());
      System.out.printf("   %d records in %.1f s: %.0f records/s%n", last, seconds, result.recordsPerSecond());
      return result;
    }
  }

  private static void emptyHistory(DataSource dataSource) throws Exception {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
          + "AND tablename LIKE 'history\\_%' AND tablename <> 'history_purged_instance'")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      statement.execute("TRUNCATE " + String.join(", ", tables));
    }
  }
}
