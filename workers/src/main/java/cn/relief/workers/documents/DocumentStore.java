package cn.relief.workers.documents;

import java.util.Optional;

/** Where a case's documents (notices, records) are kept; documents are found by their id. */
public interface DocumentStore {

  /**
   * Stores a document under an id derived from the idempotency key; a document already stored
   * under that key is kept as it is (never written twice) and its id returned.
   */
  String store(String idempotencyKey, String caseNumber, String fileName, byte[] content);

  /** Whether a document was already stored under this idempotency key, and its id. */
  Optional<String> find(String idempotencyKey, String caseNumber, String fileName);

  Optional<byte[]> read(String documentId);
}
