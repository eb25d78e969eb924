package cn.relief.app.audit;

/**
 * The engine's walk over the hash-chained audit trail ({@code GET /v2/relief/audit/verification}).
 *
 * @param firstBrokenSequence the first altered, deleted or reordered entry; null when valid
 */
record ChainVerification(boolean valid, long entriesChecked, Long firstBrokenSequence, String problem,
    long anchorsChecked) {}
