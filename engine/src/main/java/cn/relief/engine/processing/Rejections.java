package cn.relief.engine.processing;

import cn.relief.engine.api.CommandRejectedException;
import cn.relief.engine.api.RejectionType;

/** Builds rejections with Zeebe's wording: what was expected, and what was found. */
public final class Rejections {
  private Rejections() {}

  public static CommandRejectedException notFound(Enum<?> command, String message, Object... args) {
    return new CommandRejectedException(RejectionType.NOT_FOUND, command.name(), String.format(message, args));
  }

  public static CommandRejectedException invalidState(Enum<?> command, String message, Object... args) {
    return new CommandRejectedException(RejectionType.INVALID_STATE, command.name(), String.format(message, args));
  }

  public static CommandRejectedException invalidArgument(Enum<?> command, String message, Object... args) {
    return new CommandRejectedException(RejectionType.INVALID_ARGUMENT, command.name(), String.format(message, args));
  }

  public static CommandRejectedException alreadyExists(Enum<?> command, String message, Object... args) {
    return new CommandRejectedException(RejectionType.ALREADY_EXISTS, command.name(), String.format(message, args));
  }
}
