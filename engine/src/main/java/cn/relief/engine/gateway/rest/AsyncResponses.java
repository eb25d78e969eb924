package cn.relief.engine.gateway.rest;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Bridges engine futures to Spring MVC's {@link DeferredResult}, so that a long poll or an
 * await-completion request holds no servlet thread while it waits.
 *
 * <p>DeferredResult rather than a plain CompletableFuture return value because only it carries a
 * per-request timeout: the servlet container's default async timeout (30 s in Tomcat) would cut
 * off long polls that a worker configured longer than that.
 */
final class AsyncResponses {
  /**
   * The engine answers by itself when the request timeout passes; this margin only guards against
   * an engine that never answers, so that the request does not hang forever.
   */
  static final Duration ENGINE_GRACE = Duration.ofSeconds(5);

  private AsyncResponses() {}

  /** A command whose late result is simply dropped; for results that leave nothing locked behind. */
  static <T, R> DeferredResult<R> deferred(
      CompletableFuture<T> future, Duration engineDeadline, Function<? super T, ? extends R> toResponse) {
    return deferred(future, engineDeadline, toResponse, null, false);
  }

  /**
   * Completes a new DeferredResult from {@code future}. When the result cannot be delivered any more
   * (the request timed out or failed first), the engine's value goes to {@code undelivered}, e.g.
   * to hand back jobs that were activated for nobody.
   *
   * @param cancelWhenExpired cancel {@code future} once nobody waits for it, telling the engine it
   *     may stop waiting; only for futures whose late value is harmless to lose
   */
  static <T, R> DeferredResult<R> deferred(
      CompletableFuture<T> future,
      Duration engineDeadline,
      Function<? super T, ? extends R> toResponse,
      Consumer<? super T> undelivered,
      boolean cancelWhenExpired) {
    DeferredResult<R> result = new DeferredResult<>(timeoutMillis(engineDeadline));
    // DeferredResult keeps a single callback of each kind, so both concerns are handled here.
    result.onTimeout(() -> {
      result.setErrorResult(new TimeoutException("Expected the engine to answer within "
          + engineDeadline.toMillis() + " ms (the request timeout), but it did not"));
      if (cancelWhenExpired) {
        future.cancel(false);
      }
    });
    result.onError(error -> {
      if (cancelWhenExpired) {
        future.cancel(false);
      }
    });
    future.whenComplete((value, error) -> {
      if (error != null) {
        result.setErrorResult(unwrap(error));
        return;
      }
      final R response;
      try {
        response = toResponse.apply(value);
      } catch (RuntimeException e) {
        giveBack(undelivered, value);
        result.setErrorResult(e);
        return;
      }
      if (!result.setResult(response)) {
        giveBack(undelivered, value);
      }
    });
    return result;
  }

  private static <T> void giveBack(Consumer<? super T> undelivered, T value) {
    if (undelivered != null && value != null) {
      undelivered.accept(value);
    }
  }

  private static long timeoutMillis(Duration engineDeadline) {
    long deadline = engineDeadline.toMillis();
    long grace = ENGINE_GRACE.toMillis();
    return deadline > Long.MAX_VALUE - grace ? Long.MAX_VALUE : deadline + grace;
  }

  /**
   * The 204 answer of commands without result. The client accepts any 2xx without a body for them;
   * Zeebe answers 204.
   */
  static CompletableFuture<ResponseEntity<Void>> noContent(CompletableFuture<?> command) {
    return command.thenApply(ignored -> ResponseEntity.noContent().build());
  }

  /** Futures wrap the engine's exception; the client must see the original one. */
  static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
