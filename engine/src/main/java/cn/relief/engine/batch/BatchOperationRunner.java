package cn.relief.engine.batch;

import cn.relief.engine.Engine;
import cn.relief.engine.api.Caller;
import cn.relief.engine.api.CallerContext;
import cn.relief.engine.history.HistoryProjector;
import cn.relief.engine.history.search.HistoryTables;
import cn.relief.engine.history.search.SqlConditions;
import cn.relief.engine.history.search.SqlSearch;
import cn.relief.engine.record.BatchOperationRecord;
import cn.relief.engine.state.BatchOperationState;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the batch operations the engine holds: collects each new batch's items from the history
 * (the process instances its filter matches, as its creator may read them, once the history has
 * caught up with the log), then has the engine do them in chunks as the creator. It keeps nothing
 * of its own: after a restart it picks up every batch where the engine's state says it is.
 */
public final class BatchOperationRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchOperationRunner.class);
  static final int PAGE_SIZE = 1000;
  static final int CHUNK_SIZE = 100;

  private final Engine engine;
  private final SqlSearch search;
  private final HistoryProjector history;
  private final ObjectMapper json = new ObjectMapper();
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "engine-batch-operations");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean closed;

  public BatchOperationRunner(Engine engine, SqlSearch search, HistoryProjector history) {
    this.engine = engine;
    this.search = search;
    this.history = history;
  }

  public void start() {
    thread.scheduleWithFixedDelay(this::runOnce, 100, 100, TimeUnit.MILLISECONDS);
  }

  /** One pass over the running batches; public for tests that drive it themselves. */
  public void runOnce() {
    for (BatchOperationState.Batch batch : List.copyOf(engine.runningBatchOperations())) {
      if (closed) {
        return;
      }
      try {
        Caller creator = new Caller(batch.definition().callerId(), batch.definition().callerKind());
        if (batch.status() == BatchOperationState.Status.SUSPENDED) {
          continue;
        }
        if (!batch.initialized()) {
          collect(batch, creator);
        } else {
          execute(batch, creator);
        }
      } catch (RuntimeException e) {
        LOG.warn("Batch operation {} could not go on this time: {}", batch.key(), e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void collect(BatchOperationState.Batch batch, Caller creator) throws InterruptedException {
    // the filter is about the instances as they are now: wait until the history shows them
    // the engine's own position: the projector learns of commits a moment later than they happen
    if (!history.awaitPosition(engine.statistics().lastPosition(), Duration.ofSeconds(30))) {
      return; // try again on the next pass
    }
    Map<String, Object> filter = readFilter(batch.definition().filter());
    String after = null;
    // a person may hold the batch while its items are collected: then collecting waits too
    while (!closed && batch.status() != BatchOperationState.Status.SUSPENDED) {
      Map<String, Object> page = new LinkedHashMap<>();
      page.put("limit", PAGE_SIZE);
      if (after != null) {
        page.put("after", after);
      }
      Map<String, Object> request = Map.of("filter", filter, "page", page,
          "sort", List.of(Map.of("field", "processInstanceKey", "order", "ASC")));
      SqlConditions only = new SqlConditions();
      only.add(BatchOperationRecord.RESOLVE_INCIDENT.equals(batch.definition().batchOperationType())
          ? "state = 'ACTIVE' AND open_incidents > 0" : "state = 'ACTIVE'");
      SqlSearch.Page found = CallerContext.callAs(creator, () -> search.search(HistoryTables.PROCESS_INSTANCES, request, only));
      List<Long> keys = new ArrayList<>(found.rows().size());
      for (Map<String, Object> row : found.rows()) {
        keys.add(((Number) row.get("process_instance_key")).longValue());
      }
      if (!keys.isEmpty()) {
        engine.addBatchOperationItems(batch.key(), keys).join();
      }
      if (found.rows().size() < PAGE_SIZE) {
        break;
      }
      after = found.endCursor();
    }
    if (!closed && batch.status() != BatchOperationState.Status.SUSPENDED) {
      engine.initializeBatchOperation(batch.key()).join();
    }
  }

  private Map<String, Object> readFilter(String filter) {
    try {
      return json.readValue(filter, new TypeReference<Map<String, Object>>() {});
    } catch (java.io.IOException e) {
      throw new IllegalStateException("The batch operation's filter is not JSON: " + e.getMessage(), e);
    }
  }

  private void execute(BatchOperationState.Batch batch, Caller creator) {
    int remaining = Integer.MAX_VALUE;
    while (!closed && remaining > 0 && batch.status() == BatchOperationState.Status.ACTIVE) {
      remaining = CallerContext.callAs(creator, () -> engine.executeBatchOperation(batch.key(), CHUNK_SIZE)).join();
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
