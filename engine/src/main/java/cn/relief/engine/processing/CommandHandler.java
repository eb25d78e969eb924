package cn.relief.engine.processing;

import java.util.concurrent.CompletableFuture;

/**
 * Processes one command on the engine's single writer thread. It either writes events (and
 * arranges, with {@link CommandContext#afterCommit}, for {@code reply} to be completed once they
 * are durable) or throws {@link cn.relief.engine.api.CommandRejectedException} before writing
 * anything.
 */
@FunctionalInterface
public interface CommandHandler<T> {
  void process(CommandContext ctx, CompletableFuture<T> reply);
}
