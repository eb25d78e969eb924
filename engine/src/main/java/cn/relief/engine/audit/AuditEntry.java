package cn.relief.engine.audit;

import cn.relief.engine.log.CopyText;

/**
 * One entry of the audit trail, as stored in {@code engine_audit}. {@code hash} is SHA-256 over the
 * predecessor's hash and the entry's other fields ({@link AuditHash}), so that changing, removing
 * or reordering stored entries breaks the chain.
 *
 * @param recordedAt when the command was submitted, epoch milliseconds (wall clock, never a pinned engine clock)
 * @param target JSON object: the keys the command targeted and those it produced
 * @param request JSON object: the request's data
 * @param outcome {@link #ACCEPTED} or {@link #REJECTED}
 * @param firstPosition position of the first record the command wrote, or null if it wrote none
 */
public record AuditEntry(
    long sequence,
    long recordedAt,
    String callerId,
    String callerKind,
    String operation,
    String target,
    String request,
    String outcome,
    String rejectionType,
    String rejectionMessage,
    Long firstPosition,
    String previousHash,
    String hash) {

  /**
   * The text fields as PostgreSQL stores them (no NUL, {@link CopyText#storable}), before the hash
   * is computed over them: the chain must verify against what was stored.
   */
  public AuditEntry {
    callerId = CopyText.storable(callerId);
    operation = CopyText.storable(operation);
    target = CopyText.storable(target);
    request = CopyText.storable(request);
    rejectionMessage = CopyText.storable(rejectionMessage);
  }

  public static final String ACCEPTED = "ACCEPTED";
  public static final String REJECTED = "REJECTED";
}
