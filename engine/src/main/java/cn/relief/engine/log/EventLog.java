package cn.relief.engine.log;

import cn.relief.engine.audit.AuditEntry;
import cn.relief.engine.record.Record;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Durable, ordered storage of a partition's records. */
public interface EventLog {
  /** Appends the records in one transaction; returns only when they are durable. */
  default void append(List<Record> records) throws EventLogException {
    append(records, List.of());
  }

  /**
   * Appends the records and the audit entries of the commands that wrote them in one transaction,
   * so that an audit entry is stored if and only if its command's records are.
   */
  void append(List<Record> records, List<AuditEntry> auditEntries) throws EventLogException;

  /** The audit entry with the highest sequence, which the writer's audit chain continues. */
  Optional<AuditEntry> lastAuditEntry() throws EventLogException;

  /** Reads every record of the partition in position order. */
  void replay(Consumer<Record> consumer) throws EventLogException;

  /**
   * Reads the records of deployed definitions (DEPLOYMENT, PROCESS, DECISION_REQUIREMENTS,
   * DECISION) up to and including {@code position}, in order. Definitions are not part of
   * snapshots; these records rebuild them.
   */
  void replayDefinitionsUpTo(long position, Consumer<Record> consumer) throws EventLogException;

  /** Reads the records after {@code position}, in order. */
  void replayAfter(long position, Consumer<Record> consumer) throws EventLogException;

  /** Stores a snapshot of the state taken at {@code position}; older snapshots are dropped. */
  void writeSnapshot(long position, byte[] state) throws EventLogException;

  /** The newest snapshot, if any. */
  Optional<StoredSnapshot> latestSnapshot() throws EventLogException;

  record StoredSnapshot(long position, byte[] state) {}

  /** Reads up to {@code limit} records after {@code position}, in order (for projections catching up). */
  void readAfter(long position, int limit, Consumer<Record> consumer) throws EventLogException;
}
