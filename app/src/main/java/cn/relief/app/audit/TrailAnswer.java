package cn.relief.app.audit;

/**
 * What the audit trail answered: a value, or why there is none. The trail is our engine's own
 * extension: a Camunda 8 cluster has no such endpoint (ABSENT), and a user without {@code SYSTEM
 * READ} is refused (REFUSED); the page says so instead of failing.
 */
record TrailAnswer<T>(T value, Status status) {
  enum Status { AVAILABLE, ABSENT, REFUSED, FAILED }

  static <T> TrailAnswer<T> of(T value) {
    return new TrailAnswer<>(value, Status.AVAILABLE);
  }

  static <T> TrailAnswer<T> none(Status status) {
    return new TrailAnswer<>(null, status);
  }

  public boolean available() {
    return status == Status.AVAILABLE;
  }

  /** The message key of the page's text for this status. */
  public String messageKey() {
    return "audit.trail." + status.name().toLowerCase();
  }
}
