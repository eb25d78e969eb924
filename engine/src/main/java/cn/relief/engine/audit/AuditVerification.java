package cn.relief.engine.audit;

/**
 * The result of walking the audit chain.
 *
 * @param valid true if every entry is intact and in place
 * @param entriesChecked entries read, up to and including the first broken one
 * @param firstBrokenSequence the sequence of the first entry that was altered, deleted (the first
 *     missing sequence) or reordered; null when valid
 * @param problem what is wrong, in a sentence; null when valid
 */
public record AuditVerification(boolean valid, long entriesChecked, Long firstBrokenSequence, String problem) {

  static AuditVerification intact(long entriesChecked) {
    return new AuditVerification(true, entriesChecked, null, null);
  }

  static AuditVerification broken(long entriesChecked, long sequence, String problem) {
    return new AuditVerification(false, entriesChecked, sequence, problem);
  }
}
