package cn.relief.engine.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chain's hash: {@code SHA-256(previousHash || canonical bytes of the entry's fields)}, as lower
 * case hex. The canonical bytes are each field in a fixed order, length-prefixed (null as length
 * -1), so that no two different entries share them (no ambiguity from separators inside texts).
 * Writer and verifier must use exactly this; changing it invalidates every stored chain.
 */
public final class AuditHash {
  /** The predecessor hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  private final MessageDigest digest;

  /** Not thread-safe: one instance per thread (the writer thread, a verification run). */
  public AuditHash() {
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  /** The hash of {@code entry}'s fields chained to {@code previousHash}; the entry's own hash fields are ignored. */
  public String hash(String previousHash, AuditEntry entry) {
    digest.reset();
    put(previousHash);
    put(Long.toString(entry.sequence()));
    put(Long.toString(entry.recordedAt()));
    put(entry.callerId());
    put(entry.callerKind());
    put(entry.operation());
    put(entry.target());
    put(entry.request());
    put(entry.outcome());
    put(entry.rejectionType());
    put(entry.rejectionMessage());
    put(entry.firstPosition() == null ? null : entry.firstPosition().toString());
    return HexFormat.of().formatHex(digest.digest());
  }

  private void put(String field) {
    if (field == null) {
      digest.update(ByteBuffer.allocate(4).putInt(-1).array());
      return;
    }
    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
    digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    digest.update(bytes);
  }
}
