package cn.relief.engine.history.search;

/** A search request the caller got wrong (unknown filter, bad value, bad cursor): a 400 answer. */
public final class SearchQueryException extends RuntimeException {
  public SearchQueryException(String message) {
    super(message);
  }
}
