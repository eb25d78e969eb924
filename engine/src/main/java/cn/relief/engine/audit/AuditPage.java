package cn.relief.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A page of audit entries in sequence order.
 *
 * @param nextAfterSequence the cursor for the next page, or null when this is the last one
 */
public record AuditPage(List<Item> items, Long nextAfterSequence) {

  /** An entry as views show it: target and request as JSON, possibly masked; hashes for cross-checking. */
  public record Item(
      long sequence,
      OffsetDateTime recordedAt,
      String callerId,
      String callerKind,
      String operation,
      JsonNode target,
      JsonNode request,
      String outcome,
      String rejectionType,
      String rejectionMessage,
      Long firstPosition,
      String previousHash,
      String hash) {}
}
