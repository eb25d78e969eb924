package cn.relief.engine.state;

import cn.relief.engine.record.BatchOperationRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The batch operations that have not ended: what each does, whether its items are collected yet,
 * and which items are still to do. Ended batches leave the state (the history keeps them). The
 * map is concurrent so that the batch runner may see which batches have work; the items are
 * only read and changed on the writer thread.
 */
public final class BatchOperationState {
  /** Where a batch is: collecting its items, running them, or held by a person. */
  public enum Status { CREATED, ACTIVE, SUSPENDED }

  public static final class Batch {
    private final long key;
    private final BatchOperationRecord definition;
    private volatile Status status;
    private volatile boolean initialized;
    private final LinkedHashSet<Long> pending = new LinkedHashSet<>();
    private int total;
    private int completed;
    private int failed;

    Batch(long key, BatchOperationRecord definition) {
      this.key = key;
      this.definition = definition;
      this.status = Status.CREATED;
    }

    public long key() {
      return key;
    }

    public BatchOperationRecord definition() {
      return definition;
    }

    public Status status() {
      return status;
    }

    /** True once every matching item was collected. */
    public boolean initialized() {
      return initialized;
    }

    /** The items still to do, oldest first (writer thread only). */
    public Collection<Long> pending() {
      return pending;
    }

    public int total() {
      return total;
    }

    public int completed() {
      return completed;
    }

    public int failed() {
      return failed;
    }
  }

  /** A batch as a snapshot keeps it. */
  public record Snapshot(long key, BatchOperationRecord definition, Status status, boolean initialized,
      List<Long> pending, int total, int completed, int failed) {}

  private final Map<Long, Batch> batches = new ConcurrentHashMap<>();

  public Batch get(long key) {
    return batches.get(key);
  }

  /** The batches that have not ended, for the runner (any thread). */
  public Collection<Batch> all() {
    return batches.values();
  }

  void created(long key, BatchOperationRecord definition) {
    batches.put(key, new Batch(key, definition));
  }

  void itemsAdded(long key, List<Long> itemKeys) {
    Batch batch = batches.get(key);
    if (batch != null) {
      for (Long item : itemKeys) {
        if (batch.pending.add(item)) {
          batch.total++;
        }
      }
    }
  }

  void initialized(long key) {
    Batch batch = batches.get(key);
    if (batch != null) {
      batch.initialized = true;
      if (batch.status == Status.CREATED) {
        batch.status = Status.ACTIVE;
      }
    }
  }

  void itemDone(long key, long itemKey, boolean succeeded) {
    Batch batch = batches.get(key);
    if (batch != null && batch.pending.remove(itemKey)) {
      if (succeeded) {
        batch.completed++;
      } else {
        batch.failed++;
      }
    }
  }

  void suspended(long key) {
    Batch batch = batches.get(key);
    if (batch != null) {
      batch.status = Status.SUSPENDED;
    }
  }

  void resumed(long key) {
    Batch batch = batches.get(key);
    if (batch != null) {
      batch.status = batch.initialized ? Status.ACTIVE : Status.CREATED;
    }
  }

  void ended(long key) {
    batches.remove(key);
  }

  List<Snapshot> snapshot() {
    List<Snapshot> snapshots = new ArrayList<>();
    for (Batch batch : batches.values()) {
      snapshots.add(new Snapshot(batch.key, batch.definition, batch.status, batch.initialized,
          List.copyOf(batch.pending), batch.total, batch.completed, batch.failed));
    }
    snapshots.sort(java.util.Comparator.comparingLong(Snapshot::key));
    return snapshots;
  }

  void restore(List<Snapshot> snapshots) {
    batches.clear();
    for (Snapshot snapshot : snapshots) {
      Batch batch = new Batch(snapshot.key(), snapshot.definition());
      batch.status = snapshot.status();
      batch.initialized = snapshot.initialized();
      batch.pending.addAll(snapshot.pending());
      batch.total = snapshot.total();
      batch.completed = snapshot.completed();
      batch.failed = snapshot.failed();
      batches.put(snapshot.key(), batch);
    }
  }
}
