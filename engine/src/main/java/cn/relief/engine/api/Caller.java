package cn.relief.engine.api;

import java.util.Objects;

/**
 * Who asked the engine to do something, as the audit trail records it.
 *
 * @param id the authenticated user name or client id; {@code "engine"} for the engine's own work
 * @param kind {@code USER} (basic authentication), {@code CLIENT} (a machine client, for later
 *     identity providers), {@code ENGINE} (the engine itself: timers, job timeouts, retention) or
 *     {@code EMBEDDED} (Java code in the same process calling the engine without a gateway)
 */
public record Caller(String id, String kind) {
  public static final String USER = "USER";
  public static final String CLIENT = "CLIENT";
  public static final String ENGINE_KIND = "ENGINE";
  public static final String EMBEDDED_KIND = "EMBEDDED";

  /** The engine's own work: never attributed to a person. */
  public static final Caller ENGINE = new Caller("engine", ENGINE_KIND);
  /** In-process calls that did not pass a gateway (the app's bootstrap, tests driving the engine directly). */
  public static final Caller EMBEDDED = new Caller("in-process", EMBEDDED_KIND);

  public Caller {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
  }

  public static Caller user(String name) {
    return new Caller(name, USER);
  }
}
