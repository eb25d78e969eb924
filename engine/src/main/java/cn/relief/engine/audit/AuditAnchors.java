package cn.relief.engine.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The head of the audit chain (last sequence and its hash), written now and then to a file outside
 * the database. The chain alone shows an entry altered, removed or moved, but not entries cut off
 * its end, nor a trail rewritten from the start with fresh hashes: both contradict an anchor. The
 * file is only as safe as where it lives; in production put it on storage the database's
 * administrators cannot rewrite (a write-once mount, another machine).
 *
 * <p>One line per anchor, appended and forced to disk: {@code sequence TAB hash TAB anchoredAt}.
 */
public final class AuditAnchors implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditAnchors.class);

  /** An anchored head: entry {@code sequence} had {@code hash} at {@code anchoredAt}. */
  public record Anchor(long sequence, String hash, Instant anchoredAt) {}

  private final DataSource dataSource;
  private final Path file;
  private ScheduledExecutorService scheduler;
  private long lastAnchored = -1;

  public AuditAnchors(DataSource dataSource, Path file) {
    this.dataSource = dataSource;
    this.file = file.toAbsolutePath();
  }

  public Path file() {
    return file;
  }

  /** Anchors the current head if it moved since the last anchor; returns the anchor written, if any. */
  public synchronized Optional<Anchor> anchorNow() {
    try {
      Optional<Anchor> head = head();
      if (lastAnchored < 0) {
        NavigableMap<Long, Anchor> anchors = read();
        lastAnchored = anchors.isEmpty() ? 0 : anchors.lastKey();
      }
      if (head.isEmpty() || head.get().sequence() <= lastAnchored) {
        return Optional.empty(); // nothing new (or the trail is shorter: verification reports that)
      }
      append(head.get());
      lastAnchored = head.get().sequence();
      return head;
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("Could not anchor the audit trail's head in " + file, e);
    }
  }

  /** Every anchor, by sequence; an unreadable line is an error, as the file was tampered with. */
  public NavigableMap<Long, Anchor> read() throws IOException {
    NavigableMap<Long, Anchor> anchors = new TreeMap<>();
    if (!Files.exists(file)) {
      return anchors;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String[] fields = lines.get(i).split("\t");
      try {
        Anchor anchor = new Anchor(Long.parseLong(fields[0]), fields[1], Instant.parse(fields[2]));
        anchors.put(anchor.sequence(), anchor);
      } catch (RuntimeException e) {
        throw new IOException("Expected line " + (i + 1) + " of " + file + " to be 'sequence TAB hash TAB time', "
            + "but it is '" + lines.get(i) + "'", e);
      }
    }
    return anchors;
  }

  /** Anchors every {@code interval} from now on. */
  public void schedule(Duration interval) {
    scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "audit-anchors");
      thread.setDaemon(true);
      return thread;
    });
    long millis = interval.toMillis();
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        anchorNow();
      } catch (RuntimeException e) {
        LOG.warn("Anchoring the audit trail failed; trying again in {}", interval, e);
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    try {
      anchorNow(); // the last head, so that a trail cut off while the engine is down is found
    } catch (RuntimeException e) {
      LOG.warn("Could not anchor the audit trail's head at shutdown", e);
    }
  }

  private Optional<Anchor> head() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT sequence, hash FROM engine_audit ORDER BY sequence DESC LIMIT 1");
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? Optional.of(new Anchor(rows.getLong(1), rows.getString(2), Instant.now())) : Optional.empty();
    }
  }

  private void append(Anchor anchor) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    byte[] line = (anchor.sequence() + "\t" + anchor.hash() + "\t" + anchor.anchoredAt() + "\n")
        .getBytes(StandardCharsets.UTF_8);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      channel.write(ByteBuffer.wrap(line));
      channel.force(true);
    }
  }
}
