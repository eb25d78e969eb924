package cn.relief.engine.audit;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the audit chain in sequence order and reports the first entry that is not as it was
 * written: a missing sequence (deleted), a predecessor hash that is not the hash of the entry
 * before (reordered, or an entry replaced), or fields that no longer hash to the stored hash
 * (altered). Streams the table with a cursor, so any length fits in memory.
 *
 * <p>What the chain alone cannot show, entries removed from its end or the whole table rewritten
 * with freshly computed hashes, the {@link AuditAnchors} kept outside the database show: each
 * anchored entry must still be there with the anchored hash.
 */
public final class AuditVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(AuditVerifier.class);
  private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
  static final int PROGRESS_INTERVAL = 100_000;

  private final DataSource dataSource;
  private final String table;
  private final AuditAnchors anchors;

  /** Verifies the engine's trail, against the anchors if there are any (null: none kept). */
  public AuditVerifier(DataSource dataSource, AuditAnchors anchors) {
    this(dataSource, "engine_audit", anchors);
  }

  /** Verifies another table of the same shape, e.g. an exported copy of the trail, by its chain alone. */
  public AuditVerifier(DataSource dataSource, String table) {
    this(dataSource, table, null);
  }

  private AuditVerifier(DataSource dataSource, String table, AuditAnchors anchors) {
    if (!TABLE_NAME.matcher(table).matches()) {
      throw new IllegalArgumentException("Expected a plain lower-case table name, but got '" + table + "'");
    }
    this.dataSource = dataSource;
    this.table = table;
    this.anchors = anchors;
  }

  public AuditVerification verify() {
    long started = System.nanoTime();
    NavigableMap<Long, AuditAnchors.Anchor> anchored;
    try {
      anchored = anchors == null ? new TreeMap<>() : anchors.read();
    } catch (IOException e) {
      return new AuditVerification(false, 0, null, "Expected the anchors in " + anchors.file()
          + " to be readable, but they are not: " + e.getMessage(), 0);
    }
    String sql = "SELECT " + AuditColumns.SELECT + " FROM " + table + " ORDER BY sequence";
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false); // the driver only streams with a cursor inside a transaction
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setFetchSize(1000);
        try (ResultSet rows = statement.executeQuery()) {
          AuditVerification result = walk(rows, anchored);
          LOG.info("Audit trail in {} verified in {} ms: {}", table, (System.nanoTime() - started) / 1_000_000,
              result.valid() ? result.entriesChecked() + " entries intact" : result.problem());
          return result;
        }
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the audit trail from " + table, e);
    }
  }

  private AuditVerification walk(ResultSet rows, NavigableMap<Long, AuditAnchors.Anchor> anchored)
      throws SQLException {
    AuditHash hasher = new AuditHash();
    long checked = 0;
    long anchorsChecked = 0;
    long expectedSequence = 1;
    String previousHash = AuditHash.GENESIS;
    while (rows.next()) {
      AuditEntry entry = AuditColumns.read(rows);
      checked++;
      if (entry.sequence() != expectedSequence) {
        String missing = entry.sequence() == expectedSequence + 1
            ? "entry " + expectedSequence + " is missing"
            : "entries " + expectedSequence + " to " + (entry.sequence() - 1) + " are missing";
        return AuditVerification.broken(checked, anchorsChecked, expectedSequence, "Expected entry " + expectedSequence
            + (expectedSequence == 1 ? " first" : " after entry " + (expectedSequence - 1))
            + ", but the next entry is " + entry.sequence() + ": " + missing + " (deleted)");
      }
      if (!previousHash.equals(entry.previousHash())) {
        return AuditVerification.broken(checked, anchorsChecked, entry.sequence(), "Expected entry " + entry.sequence()
            + " to carry the hash of " + (entry.sequence() == 1 ? "the chain's start" : "entry " + (entry.sequence() - 1))
            + ", but it carries another one: entries were reordered, or one was replaced");
      }
      String recomputed = hasher.hash(entry.previousHash(), entry);
      if (!recomputed.equals(entry.hash())) {
        return AuditVerification.broken(checked, anchorsChecked, entry.sequence(), "Expected the fields of entry " + entry.sequence()
            + " to hash to its stored hash, but they hash to another value: the entry was altered");
      }
      AuditAnchors.Anchor anchor = anchored.get(entry.sequence());
      if (anchor != null) {
        if (!anchor.hash().equals(entry.hash())) {
          return AuditVerification.broken(checked, anchorsChecked, entry.sequence(), "Expected entry "
              + entry.sequence() + " to have the hash anchored outside the database at " + anchor.anchoredAt()
              + ", but it has another: the trail was rewritten");
        }
        anchorsChecked++;
      }
      previousHash = entry.hash();
      expectedSequence++;
      if (checked % PROGRESS_INTERVAL == 0) {
        LOG.info("Audit trail verification: {} entries of {} checked so far, all intact", checked, table);
      }
    }
    if (!anchored.isEmpty() && anchored.lastKey() >= expectedSequence) {
      AuditAnchors.Anchor last = anchored.lastEntry().getValue();
      return AuditVerification.broken(checked, anchorsChecked, expectedSequence, "Expected the trail to reach entry "
          + last.sequence() + ", anchored outside the database at " + last.anchoredAt() + ", but it ends at entry "
          + (expectedSequence - 1) + ": entries were removed from its end");
    }
    return AuditVerification.intact(checked, anchorsChecked);
  }
}
