package cn.relief.engine.gateway.grpc;

import cn.relief.engine.api.CommandRejectedException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the engine API throws into the gRPC status a Zeebe client expects. Clients branch on
 * the status code (e.g. job workers back off on RESOURCE_EXHAUSTED, tests assert NOT_FOUND), so
 * the mapping matters more than the wording.
 */
final class GrpcErrors {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcErrors.class);

  private GrpcErrors() {}

  /**
   * Longest description sent, measured as it travels: percent-encoded in the HTTP/2 trailers,
   * where a Chinese character takes nine bytes. A client refuses trailers over its header-list
   * limit (8 KiB in grpc-java) and turns the whole answer into INTERNAL "RST_STREAM ... PROTOCOL_ERROR":
   * a rejection that echoed a 100,000-character name did so (found by RandomDeploymentsIT).
   */
  static final int MAX_DESCRIPTION_BYTES = 4 * 1024;

  static StatusRuntimeException toStatus(String rpc, Throwable error) {
    StatusRuntimeException status = convert(rpc, error);
    String description = status.getStatus().getDescription();
    String fitted = fitTrailer(description);
    return fitted == description ? status
        : status.getStatus().withDescription(fitted).asRuntimeException(status.getTrailers());
  }

  /**
   * The description, cut (with a note saying so) where its percent-encoded form would pass
   * {@link #MAX_DESCRIPTION_BYTES}; the same instance when it fits.
   */
  static String fitTrailer(String description) {
    if (description == null || description.length() * 9 <= MAX_DESCRIPTION_BYTES) {
      return description;
    }
    int budget = MAX_DESCRIPTION_BYTES - 64;
    int end = 0;
    while (end < description.length()) {
      int codePoint = description.codePointAt(end);
      int bytes = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      int cost = codePoint >= 0x20 && codePoint < 0x7f && codePoint != '%' ? 1 : 3 * bytes;
      if ((budget -= cost) < 0) {
        break;
      }
      end += Character.charCount(codePoint);
    }
    return end == description.length() ? description
        : description.substring(0, end) + "... (" + (description.length() - end) + " more characters)";
  }

  private static StatusRuntimeException convert(String rpc, Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof StatusRuntimeException status) {
      return status;
    }
    if (cause instanceof StatusException status) {
      return status.getStatus().asRuntimeException(status.getTrailers());
    }
    if (cause instanceof CommandRejectedException rejection) {
      return rejected(rejection);
    }
    if (cause instanceof TimeoutException) {
      return Status.DEADLINE_EXCEEDED
          .withDescription(String.format(
              "Expected to handle gRPC request %s within the request timeout, but it timed out", rpc))
          .asRuntimeException();
    }
    if (cause instanceof CancellationException) {
      return Status.CANCELLED.withDescription("The request " + rpc + " was cancelled").asRuntimeException();
    }
    LOG.error("Unexpected error while handling gRPC request {}", rpc, cause);
    return Status.INTERNAL
        .withDescription(String.format(
            "Unexpected error occurred during the request processing of %s: %s", rpc, cause.getMessage()))
        .withCause(cause)
        .asRuntimeException();
  }

  private static StatusRuntimeException rejected(CommandRejectedException rejection) {
    Status status =
        switch (rejection.type()) {
          case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
          case NOT_FOUND -> Status.NOT_FOUND;
          case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
          case INVALID_STATE -> Status.FAILED_PRECONDITION;
          case FORBIDDEN -> Status.PERMISSION_DENIED;
          case RESOURCE_EXHAUSTED -> Status.RESOURCE_EXHAUSTED;
          case UNAVAILABLE -> Status.UNAVAILABLE;
        };
    String description =
        switch (rejection.type()) {
          // Real command rejections; Zeebe words them like this and users grep for it.
          case INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, INVALID_STATE, FORBIDDEN -> String.format(
              "Command '%s' rejected with code '%s': %s",
              rejection.command(), rejection.type(), rejection.getMessage());
          // Back-pressure and unavailability are not rejections of the command's content.
          case RESOURCE_EXHAUSTED, UNAVAILABLE -> rejection.getMessage();
        };
    return status.withDescription(description).asRuntimeException();
  }

  /** Futures wrap the engine's exception; the client must see the original one. */
  private static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
