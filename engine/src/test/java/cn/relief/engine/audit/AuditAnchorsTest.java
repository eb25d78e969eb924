package cn.relief.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.EmbeddedPostgresTest;
import cn.relief.engine.Engine;
import cn.relief.engine.log.PostgresEventLog;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the chain alone cannot show and the anchors kept outside the database do: a trail rewritten
 * from the start with fresh hashes, and a trail cut off at its end.
 */
class AuditAnchorsTest extends EmbeddedPostgresTest {
  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path directory;

  @Test
  void aRewrittenTrailAndACutOffEndContradictTheAnchors() throws Exception {
    DataSource dataSource = dataSource();
    Path file = directory.resolve("anchors.txt");
    AuditAnchors anchors = new AuditAnchors(dataSource, file);
    try (Engine engine = Engine.start(engineConfig(0, false), new PostgresEventLog(dataSource, json, 1), json)) {
      record(engine, 3);
      assertThat(anchors.anchorNow()).map(AuditAnchors.Anchor::sequence).contains(3L);
      assertThat(anchors.anchorNow()).as("the head did not move").isEmpty();
      record(engine, 2);
      // anchored by another instance over the same file (after a restart): it goes on from the file
      assertThat(new AuditAnchors(dataSource, file).anchorNow()).map(AuditAnchors.Anchor::sequence).contains(5L);
    }
    AuditVerifier anchored = new AuditVerifier(dataSource, anchors);
    AuditVerification intact = anchored.verify();
    assertThat(intact.valid()).isTrue();
    assertThat(intact.anchorsChecked()).isEqualTo(2);

    // rewritten with fresh hashes: the chain holds together, the anchors do not
    List<AuditEntry> original = entries(dataSource);
    rewrite(dataSource, original, "intruder");
    assertThat(new AuditVerifier(dataSource, "engine_audit").verify().valid()).isTrue();
    AuditVerification rewritten = anchored.verify();
    assertThat(rewritten.valid()).isFalse();
    assertThat(rewritten.firstBrokenSequence()).isEqualTo(3L);
    assertThat(rewritten.problem()).contains("entry 3").contains("rewritten");
    rewrite(dataSource, original, null);
    assertThat(anchored.verify().valid()).isTrue();

    // the last two entries cut off: the chain is fine, the anchor of entry 5 says it existed
    bypassingTheTrigger(dataSource, "DELETE FROM engine_audit WHERE sequence > 3");
    AuditVerification cut = anchored.verify();
    assertThat(cut.valid()).isFalse();
    assertThat(cut.firstBrokenSequence()).isEqualTo(4L);
    assertThat(cut.problem()).contains("reach entry 5").contains("ends at entry 3").contains("removed from its end");

    // an anchor file someone edited is reported, not trusted
    Files.writeString(file, "not an anchor\n", java.nio.file.StandardOpenOption.APPEND);
    AuditVerification unreadable = anchored.verify();
    assertThat(unreadable.valid()).isFalse();
    assertThat(unreadable.problem()).contains("line 3").contains("not an anchor");
  }

  private static void record(Engine engine, int count) {
    for (int i = 0; i < count; i++) {
      engine.recordEngineOperation(AuditRequest.of("TEST_OPERATION").data("n", i).build()).join();
    }
  }

  private static List<AuditEntry> entries(DataSource dataSource) throws Exception {
    List<AuditEntry> entries = new ArrayList<>();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT " + AuditColumns.SELECT + " FROM engine_audit ORDER BY sequence")) {
      while (rows.next()) {
        entries.add(AuditColumns.read(rows));
      }
    }
    return entries;
  }

  /** Sets entry 1's caller (null: back to the original) and writes every hash afresh, as a careful intruder would. */
  private static void rewrite(DataSource dataSource, List<AuditEntry> original, String caller) throws Exception {
    AuditHash hasher = new AuditHash();
    String previous = AuditHash.GENESIS;
    try (Connection connection = dataSource.getConnection()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET session_replication_role = replica");
      }
      for (AuditEntry entry : original) {
        String callerId = entry.sequence() == 1 && caller != null ? caller : entry.callerId();
        AuditEntry changed = new AuditEntry(entry.sequence(), entry.recordedAt(), callerId, entry.callerKind(),
            entry.operation(), entry.target(), entry.request(), entry.outcome(), entry.rejectionType(),
            entry.rejectionMessage(), entry.firstPosition(), previous, null);
        String hash = hasher.hash(previous, changed);
        try (PreparedStatement update = connection.prepareStatement(
            "UPDATE engine_audit SET caller_id = ?, previous_hash = ?, hash = ? WHERE sequence = ?")) {
          update.setString(1, callerId);
          update.setString(2, previous);
          update.setString(3, hash);
          update.setLong(4, entry.sequence());
          update.executeUpdate();
        }
        previous = hash;
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET session_replication_role = DEFAULT");
      }
    }
  }

  private static void bypassingTheTrigger(DataSource dataSource, String sql) throws Exception {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("SET session_replication_role = replica");
      statement.execute(sql);
      statement.execute("SET session_replication_role = DEFAULT");
    }
  }
}
