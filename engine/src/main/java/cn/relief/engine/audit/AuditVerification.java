package cn.relief.engine.audit;

/**
 * The result of walking the audit chain.
 *
 * @param valid true if every entry is intact and in place
 * @param entriesChecked entries read, up to and including the first broken one
 * @param firstBrokenSequence the sequence of the first entry that was altered, deleted (the first
 *     missing sequence) or reordered; null when valid
 * @param problem what is wrong, in a sentence; null when valid
 * @param anchorsChecked anchored heads (kept outside the database) found intact in the chain
 */
public record AuditVerification(
    boolean valid, long entriesChecked, Long firstBrokenSequence, String problem, long anchorsChecked) {

  static AuditVerification intact(long entriesChecked, long anchorsChecked) {
    return new AuditVerification(true, entriesChecked, null, null, anchorsChecked);
  }

  static AuditVerification broken(long entriesChecked, long anchorsChecked, long sequence, String problem) {
    return new AuditVerification(false, entriesChecked, sequence, problem, anchorsChecked);
  }
}
