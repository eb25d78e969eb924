package cn.relief.engine.history.search;

/** A get by key found nothing in the history: a 404 answer. */
public final class NotFoundInHistoryException extends RuntimeException {
  public NotFoundInHistoryException(String message) {
    super(message);
  }
}
