package cn.relief.engine.audit;

import java.time.OffsetDateTime;

/**
 * A search of the audit trail; every filter is optional. Pages are taken in sequence order after
 * the cursor {@code afterSequence}: pass the previous page's {@code nextAfterSequence} to go on.
 *
 * @param targetKey a key the command targeted or produced (job, process instance, incident...)
 * @param from inclusive lower bound of {@code recordedAt}
 * @param to exclusive upper bound of {@code recordedAt}
 * @param pageSize default {@value #DEFAULT_PAGE_SIZE}, at most {@value #MAX_PAGE_SIZE}
 * @param maskPersonalData hide variable values, correlation keys and error messages
 */
public record AuditQuery(
    String callerId,
    String operation,
    Long targetKey,
    OffsetDateTime from,
    OffsetDateTime to,
    Long afterSequence,
    Integer pageSize,
    Boolean maskPersonalData) {

  public static final int DEFAULT_PAGE_SIZE = 50;
  public static final int MAX_PAGE_SIZE = 1000;

  public static AuditQuery all() {
    return new AuditQuery(null, null, null, null, null, null, null, null);
  }
}
