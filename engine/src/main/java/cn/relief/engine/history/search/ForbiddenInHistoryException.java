package cn.relief.engine.history.search;

/** The row asked for exists, but the caller holds no permission to read it (403, as in Camunda). */
public final class ForbiddenInHistoryException extends RuntimeException {
  public ForbiddenInHistoryException(String message) {
    super(message);
  }
}
