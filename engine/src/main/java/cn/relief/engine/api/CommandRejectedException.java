package cn.relief.engine.api;

/**
 * A command the engine refused. This is an expected outcome, not a bug: transports turn it into
 * the matching gRPC status or RFC 9457 problem detail.
 */
public final class CommandRejectedException extends RuntimeException {
  private final RejectionType type;
  private final String command;

  public CommandRejectedException(RejectionType type, String command, String message) {
    super(message, null, false, false);
    this.type = type;
    this.command = command;
  }

  public RejectionType type() {
    return type;
  }

  /** The command's name in Zeebe's words, e.g. {@code CREATE} or {@code COMPLETE}. */
  public String command() {
    return command;
  }
}
