package cn.relief.processes;

import cn.relief.engine.audit.AuditEntry;
import cn.relief.engine.log.EventLog;
import cn.relief.engine.record.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** An event log in memory: enough to run the engine for scenario tests without PostgreSQL. */
final class MemoryEventLog implements EventLog {
  private final List<Record> records = new ArrayList<>();
  private AuditEntry lastAuditEntry;

  @Override
  public synchronized void append(List<Record> batch, List<AuditEntry> auditEntries) {
    records.addAll(batch);
    if (!auditEntries.isEmpty()) {
      lastAuditEntry = auditEntries.get(auditEntries.size() - 1);
    }
  }

  @Override
  public synchronized Optional<AuditEntry> lastAuditEntry() {
    return Optional.ofNullable(lastAuditEntry);
  }

  @Override
  public synchronized void replay(Consumer<Record> consumer) {
    List.copyOf(records).forEach(consumer);
  }

  @Override
  public synchronized void replayDefinitionsUpTo(long position, Consumer<Record> consumer) {
    // no snapshots are written, so a replay always starts from the beginning
  }

  @Override
  public synchronized void replayAfter(long position, Consumer<Record> consumer) {
    List.copyOf(records).stream().filter(r -> r.position() > position).forEach(consumer);
  }

  @Override
  public void writeSnapshot(long position, byte[] state) {
    // snapshots are an optimisation of restarts, which these tests do not do
  }

  @Override
  public Optional<StoredSnapshot> latestSnapshot() {
    return Optional.empty();
  }

  @Override
  public synchronized void readAfter(long position, int limit, Consumer<Record> consumer) {
    List.copyOf(records).stream().filter(r -> r.position() > position).limit(limit).forEach(consumer);
  }
}
