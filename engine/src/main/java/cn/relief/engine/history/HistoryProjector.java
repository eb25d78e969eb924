package cn.relief.engine.history;

import cn.relief.engine.log.EventLog;
import cn.relief.engine.log.EventLogException;
import cn.relief.engine.record.Record;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the history tables up to date with the committed event log. The engine hands over each
 * committed batch of records (no re-reading, no re-parsing on the normal path); when the
 * projection falls behind far enough that handed-over batches are dropped, or after a restart, it
 * reads the missing records from the log. Each projected batch and the new position are written
 * in one transaction, so every record is projected exactly once, and dropping the tables and the
 * position rebuilds the history from the log.
 */
public final class HistoryProjector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HistoryProjector.class);
  private static final int QUEUED_BATCHES = 256;
  private static final int CATCH_UP_CHUNK = 5_000;
  /** At most this many records are joined from waiting batches into one transaction. */
  private static final int JOINED_RECORDS = 20_000;
  /** After this many projected records the query planner's statistics of the busiest tables are refreshed. */
  private static final long ANALYZE_EVERY = 1_000_000;
  private static final String UNIQUE_VIOLATION = "23505";
  /** From this rate on (records per second handed over) the projector waits for more records per transaction. */
  private static final long BUSY_RECORDS_PER_SECOND = 10_000;
  /** How long a busy projector waits: well within the second in which history must be searchable. */
  private static final long LINGER_MILLIS = 200;
  private static final long PACE_ABOVE_MILLIS = 400;
  private static final long MAX_PACE_MILLIS = 50;

  /** How far the projection is behind the log. */
  public record Lag(long projectedPosition, long committedPosition, long records, long millisBehind) {}

  private final DataSource dataSource;
  private final EventLog log;
  private final int partitionId;
  private final HistoryProjection projection;
  private final BlockingQueue<List<Record>> handedOver = new ArrayBlockingQueue<>(QUEUED_BATCHES);
  private final Thread thread;
  private volatile boolean running;
  private volatile boolean behind = true; // at start the log may hold records not projected yet
  private volatile long projectedPosition;
  private volatile long committedPosition;
  private volatile long lastProjectedTimestamp;
  private volatile long oldestUnprojectedTimestamp;
  private long projectedSinceAnalyze;
  private long rateWindowStart;
  private long recordsInWindow;
  private boolean busy;
  /** A batch taken from the queue while joining that did not follow on; projected next. */
  private List<Record> projectAfterGap;

  public HistoryProjector(DataSource dataSource, EventLog log, ObjectMapper json, int partitionId) {
    this.dataSource = dataSource;
    this.log = log;
    this.partitionId = partitionId;
    this.projection = new HistoryProjection(json, new DefinitionNames(dataSource));
    this.thread = new Thread(this::run, "history-projector-" + partitionId);
    this.thread.setDaemon(true);
  }

  public void start() {
    projectedPosition = readPosition();
    committedPosition = projectedPosition;
    running = true;
    thread.start();
  }

  /** Called by the engine after a batch is committed; never blocks the engine. */
  public void committed(List<Record> records) {
    if (records.isEmpty()) {
      return;
    }
    if (projectedPosition >= committedPosition) {
      oldestUnprojectedTimestamp = records.get(0).timestamp(); // nothing was waiting: these are the oldest
    }
    committedPosition = records.get(records.size() - 1).position();
    if (!handedOver.offer(records)) {
      behind = true; // dropped: read from the log once the queue has drained
    }
  }

  public long projectedPosition() {
    return projectedPosition;
  }

  /** How far behind: records, and the age of the oldest record not projected yet (0 when none). */
  public Lag lag() {
    long projected = projectedPosition;
    long committed = Math.max(committedPosition, projected);
    // the oldest waiting record is younger than the last projected one, and than the first handed
    // over while nothing was waiting
    long oldest = Math.max(lastProjectedTimestamp, oldestUnprojectedTimestamp);
    long millis = committed > projected && oldest > 0 ? Math.max(0, System.currentTimeMillis() - oldest) : 0;
    return new Lag(projected, committed, committed - projected, millis);
  }

  /**
   * How long the engine should wait before its next batch ({@link cn.relief.engine.Engine#pacedBy}):
   * nothing while the history is less than {@value #PACE_ABOVE_MILLIS} ms behind, then up to
   * {@value #MAX_PACE_MILLIS} ms. On two cores a saturated engine otherwise leaves the projector
   * seconds behind, and history must be searchable within a second; bounded, so that a projector
   * that cannot write at all slows the engine but never stops it.
   */
  public long pacingMillis() {
    long behind = lag().millisBehind();
    return behind <= PACE_ABOVE_MILLIS ? 0 : Math.min(MAX_PACE_MILLIS, 1 + (behind - PACE_ABOVE_MILLIS) / 20);
  }

  /** Waits until everything up to {@code position} is projected; false on timeout. */
  public boolean awaitPosition(long position, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (projectedPosition < position) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    long backoff = 100;
    while (running) {
      try {
        List<Record> batch = handedOver.poll(100, TimeUnit.MILLISECONDS);
        if (batch != null) {
          projectHandedOver(drainMore(batch));
          if (projectAfterGap != null) {
            List<Record> after = projectAfterGap;
            projectAfterGap = null;
            projectHandedOver(after);
          }
        } else if (behind) {
          catchUp();
        }
        backoff = 100;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException | EventLogException | RuntimeException e) {
        // nothing was committed for the failed batch; it is read again from the log
        LOG.warn("Projecting history failed at position {}; retrying in {} ms", projectedPosition, backoff, e);
        behind = true;
        handedOver.clear();
        projectAfterGap = null;
        sleep(backoff);
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  /**
   * Joins the batches already waiting into one transaction (up to a bound): when the projection
   * is behind, fewer and larger transactions let it catch up. Under load it also waits up to
   * {@link #LINGER_MILLIS} for more: a short case then starts and ends within one transaction, and
   * its rows are written once, complete, instead of written and then updated (an update of an
   * indexed state costs as much as a new row). When the engine is quiet nothing waits.
   */
  private List<Record> drainMore(List<Record> first) throws InterruptedException {
    long now = System.currentTimeMillis();
    if (now - rateWindowStart >= 1_000) {
      busy = recordsInWindow >= BUSY_RECORDS_PER_SECOND;
      rateWindowStart = now;
      recordsInWindow = 0;
    }
    recordsInWindow += first.size();
    if (handedOver.isEmpty() && !busy) {
      return first;
    }
    long lingerUntil = busy ? now + LINGER_MILLIS : now;
    List<Record> joined = new ArrayList<>(first);
    List<Record> next;
    while (joined.size() < JOINED_RECORDS && (next = nextWithin(lingerUntil)) != null) {
      recordsInWindow += next.size();
      if (next.get(0).position() != joined.get(joined.size() - 1).position() + 1) {
        // a gap (a dropped batch): project what is contiguous; the rest goes through the gap check
        projectAfterGap = next;
        break;
      }
      joined.addAll(next);
    }
    return joined;
  }

  private List<Record> nextWithin(long deadline) throws InterruptedException {
    long wait = deadline - System.currentTimeMillis();
    return wait <= 0 ? handedOver.poll() : handedOver.poll(wait, TimeUnit.MILLISECONDS);
  }

  private void projectHandedOver(List<Record> batch) throws SQLException, EventLogException {
    long first = batch.get(0).position();
    if (first > projectedPosition + 1) {
      catchUpTo(first - 1); // an earlier batch was dropped or the projector restarted
    }
    List<Record> fresh = new ArrayList<>(batch.size());
    for (Record record : batch) {
      if (record.position() > projectedPosition) {
        fresh.add(record);
      }
    }
    project(fresh);
  }

  private void catchUp() throws SQLException, EventLogException {
    catchUpTo(Long.MAX_VALUE);
    behind = false;
  }

  private void catchUpTo(long position) throws SQLException, EventLogException {
    while (projectedPosition < position) {
      List<Record> chunk = new ArrayList<>();
      log.readAfter(projectedPosition, CATCH_UP_CHUNK, chunk::add);
      chunk.removeIf(record -> record.position() > position);
      if (chunk.isEmpty()) {
        return;
      }
      project(chunk);
      if (chunk.size() >= 50_000) {
        LOG.info("History projection caught up to position {}", projectedPosition);
      }
    }
  }

  private void project(List<Record> records) throws SQLException {
    if (records.isEmpty()) {
      return;
    }
    try {
      write(records, true);
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      // rows already there (history rebuilt over rows left behind): skip them, row by row
      LOG.info("History rows of positions {} to {} were there already; writing the others", records.get(0).position(),
          records.get(records.size() - 1).position());
      write(records, false);
    }
    long last = records.get(records.size() - 1).position();
    projectedPosition = last;
    lastProjectedTimestamp = records.get(records.size() - 1).timestamp();
    projectedSinceAnalyze += records.size();
    if (projectedSinceAnalyze >= ANALYZE_EVERY) {
      projectedSinceAnalyze = 0;
      analyze();
    }
  }

  private void write(List<Record> records, boolean copy) throws SQLException {
    long last = records.get(records.size() - 1).position();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (HistoryBatch batch = new HistoryBatch(connection, copy)) {
        // The history is a projection: a commit lost in a PostgreSQL crash loses its position with
        // it and is projected again from the log. It need not wait for the disk.
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET LOCAL synchronous_commit = off");
        }
        for (Record record : records) {
          projection.project(batch, record);
        }
        batch.execute();
        try (PreparedStatement statement = connection.prepareStatement("""
            INSERT INTO history_position (partition_id, position, updated_at) VALUES (?, ?, now())
            ON CONFLICT (partition_id) DO UPDATE SET position = excluded.position, updated_at = now()""")) {
          statement.setInt(1, partitionId);
          statement.setLong(2, last);
          statement.executeUpdate();
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /**
   * Tables that grow by a million rows in minutes would otherwise be searched with statistics of
   * when they were small (autovacuum analyzes in its own time), and a selective search then walks
   * a whole index: measured 400 ms instead of 16 ms at the 95th percentile.
   */
  private void analyze() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "ANALYZE history_process_instance, history_element_instance, history_variable")) {
      statement.execute();
    } catch (SQLException e) {
      LOG.warn("Could not refresh the statistics of the history tables", e);
    }
  }

  private long readPosition() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT position FROM history_position WHERE partition_id = ?")) {
      statement.setInt(1, partitionId);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the history position", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
