package cn.relief.engine.log;

/** The log could not be written or read; the engine retries and refuses commands meanwhile. */
public final class EventLogException extends Exception {
  public EventLogException(String message, Throwable cause) {
    super(message, cause);
  }
}
