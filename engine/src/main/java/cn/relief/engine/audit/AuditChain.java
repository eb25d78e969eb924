package cn.relief.engine.audit;

import cn.relief.engine.api.Caller;
import cn.relief.engine.log.CopyText;
import java.util.Optional;

/**
 * The head of the audit chain on the engine's writer thread: the last sequence and hash, which
 * each new entry continues. Only the writer thread uses it. It may run ahead of what is committed;
 * after a failed commit the stream processor restores it from the last stored entry.
 */
public final class AuditChain {
  private final AuditHash hasher = new AuditHash();
  private long lastSequence;
  private String lastHash;

  private AuditChain(long lastSequence, String lastHash) {
    this.lastSequence = lastSequence;
    this.lastHash = lastHash;
  }

  /** Continues after the last stored entry, or starts a new chain when there is none. */
  public static AuditChain continuing(Optional<AuditEntry> lastStored) {
    return lastStored.map(last -> new AuditChain(last.sequence(), last.hash()))
        .orElseGet(() -> new AuditChain(0, AuditHash.GENESIS));
  }

  /** Builds the next entry, chained to the previous one, and moves the head to it. */
  public AuditEntry append(long recordedAt, Caller caller, String operation, String target, String request,
      String outcome, String rejectionType, String rejectionMessage, Long firstPosition) {
    // hash the text as it will be stored, or the verification would find the entry altered
    target = CopyText.storable(target);
    request = CopyText.storable(request);
    rejectionMessage = CopyText.storable(rejectionMessage);
    operation = CopyText.storable(operation);
    String callerId = CopyText.storable(caller.id());
    AuditEntry unhashed = new AuditEntry(lastSequence + 1, recordedAt, callerId, caller.kind(), operation, target,
        request, outcome, rejectionType, rejectionMessage, firstPosition, lastHash, null);
    String hash = hasher.hash(lastHash, unhashed);
    AuditEntry entry = new AuditEntry(unhashed.sequence(), recordedAt, callerId, caller.kind(), operation, target,
        request, outcome, rejectionType, rejectionMessage, firstPosition, lastHash, hash);
    lastSequence = entry.sequence();
    lastHash = hash;
    return entry;
  }

  public long lastSequence() {
    return lastSequence;
  }
}
