package cn.relief.engine.api;

import java.util.function.Supplier;

/**
 * The caller on whose behalf the current thread calls the engine. The gateways set it around each
 * authenticated call, so that the {@link EngineApi} methods need no caller parameter; the engine
 * reads it when a command is queued (on the caller's thread), so later asynchronous completions do
 * not need it.
 */
public final class CallerContext {
  private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

  private CallerContext() {}

  /** The caller set on this thread, or {@link Caller#EMBEDDED} when no gateway set one. */
  public static Caller current() {
    Caller caller = CURRENT.get();
    return caller == null ? Caller.EMBEDDED : caller;
  }

  /**
   * Sets the caller for this thread until the returned scope is closed, which restores what was set
   * before (so nested scopes, e.g. a gRPC listener callback inside a servlet thread, behave).
   */
  public static Scope open(Caller caller) {
    Caller previous = CURRENT.get();
    CURRENT.set(caller);
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  /** Runs {@code body} with {@code caller} set on this thread. */
  public static <T> T callAs(Caller caller, Supplier<T> body) {
    try (Scope ignored = open(caller)) {
      return body.get();
    }
  }

  /** An open caller scope; closing it never throws. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
