package cn.relief.engine.gateway.rest;

import cn.relief.engine.api.CommandRejectedException;
import cn.relief.engine.history.search.ForbiddenInHistoryException;
import cn.relief.engine.history.search.NotFoundInHistoryException;
import cn.relief.engine.history.search.SearchQueryException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Answers every failure of the REST v2 controllers with an RFC 9457 problem detail. The Camunda
 * client only turns a response into a {@code ProblemException} with the detail when it is {@code
 * application/problem+json}; anything else becomes a "malformed response" error that hides the
 * reason. Limited to this package so that other controllers of the application keep their own
 * error handling, and ordered first so that a global advice cannot take these over.
 */
@RestControllerAdvice(basePackageClasses = RestProblemHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RestProblemHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RestProblemHandler.class);

  @ExceptionHandler(Throwable.class)
  ResponseEntity<ProblemDetail> handle(Throwable thrown, HttpServletRequest request) {
    Throwable error = AsyncResponses.unwrap(thrown);
    if (error instanceof AsyncRequestNotUsableException) {
      // The caller went away (a worker's connection dropped) before the answer could be written:
      // nothing failed here and nobody is left to answer. Logged as an unexpected ERROR with its
      // stack trace, each dropped connection buried real errors (45 in one FaultSuiteIT run).
      LOG.debug("The caller of {} went away before its answer was written", describe(request));
      return null;
    }
    ProblemDetail problem = toProblem(error, request);
    problem.setInstance(instance(request));
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static ProblemDetail toProblem(Throwable error, HttpServletRequest request) {
    if (error instanceof CommandRejectedException rejection) {
      return rejected(rejection);
    }
    if (error instanceof RestRequestException invalid) {
      return problem(invalid.status(), invalid.title(), invalid.getMessage());
    }
    if (error instanceof SearchQueryException invalid) {
      return problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", invalid.getMessage());
    }
    if (error instanceof NotFoundInHistoryException missing) {
      return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", missing.getMessage());
    }
    if (error instanceof ForbiddenInHistoryException forbidden) {
      return problem(HttpStatus.FORBIDDEN, "FORBIDDEN", forbidden.getMessage());
    }
    if (error instanceof HttpMessageNotReadableException unreadable
        && unreadable.getCause() instanceof RestBodyLimitFilter.BodyTooLargeException tooLarge) {
      return problem(HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE", tooLarge.getMessage());
    }
    if (error instanceof HttpMessageNotReadableException unreadable) {
      return problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", describeUnreadable(unreadable));
    }
    if (error instanceof TypeMismatchException mismatch) {
      // e.g. ?truncateValues=x, which was answered 500 (found by RequestShapesIT)
      return problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", describeMismatch(mismatch));
    }
    if (error instanceof TimeoutException || error instanceof AsyncRequestTimeoutException) {
      return problem(HttpStatus.GATEWAY_TIMEOUT, "DEADLINE_EXCEEDED", error.getMessage() != null
          ? error.getMessage()
          : "Expected to handle the request " + describe(request) + " within the request timeout, but it timed out");
    }
    if (error instanceof CancellationException) {
      return problem(HttpStatus.SERVICE_UNAVAILABLE, "CANCELLED",
          "The request " + describe(request) + " was cancelled before it completed");
    }
    if (error instanceof ErrorResponse response) {
      // Spring MVC's own failures (405, 415, 413 multipart size, missing parameters, ...) already
      // carry the right status and a problem body.
      ProblemDetail body = response.getBody();
      return problem(response.getStatusCode(), body.getTitle(), body.getDetail());
    }
    LOG.error("Unexpected error while handling REST request {}", describe(request), error);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL",
        "Unexpected error occurred during the request processing of " + describe(request) + ": " + error);
  }

  private static ProblemDetail rejected(CommandRejectedException rejection) {
    HttpStatus status = switch (rejection.type()) {
      case INVALID_ARGUMENT -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case ALREADY_EXISTS, INVALID_STATE -> HttpStatus.CONFLICT;
      case FORBIDDEN -> HttpStatus.FORBIDDEN;
      // Camunda documents back-pressure on REST v2 as 503 with the title RESOURCE_EXHAUSTED.
      case RESOURCE_EXHAUSTED, UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
    };
    String detail = switch (rejection.type()) {
      // Real command rejections; Zeebe words them like this on REST as on gRPC, and users grep for it.
      case INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, INVALID_STATE, FORBIDDEN -> rejection.command() == null
          ? rejection.getMessage()
          : String.format("Command '%s' rejected with code '%s': %s",
              rejection.command(), rejection.type(), rejection.getMessage());
      // Back-pressure and unavailability are not rejections of the command's content.
      case RESOURCE_EXHAUSTED, UNAVAILABLE -> rejection.getMessage();
    };
    return problem(status, rejection.type().name(), detail);
  }

  private static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatus(status);
    if (title != null) {
      problem.setTitle(title);
    }
    problem.setDetail(detail);
    return problem;
  }

  // ---- unreadable bodies ----------------------------------------------------------------------

  /** Names what was expected and what was found, which Jackson's own messages bury in type names. */
  static String describeUnreadable(HttpMessageNotReadableException unreadable) {
    Throwable cause = unreadable.getCause();
    if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      String where = mismatch.getPath().isEmpty() ? "the request body" : "'" + path(mismatch) + "'";
      return "Expected " + where + " to be " + expected(mismatch.getTargetType()) + ", but found " + found(mismatch);
    }
    if (cause instanceof JsonParseException parse) {
      return "Expected the request body to be valid JSON, but it could not be parsed: " + parse.getOriginalMessage();
    }
    if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return "Expected '" + path(mapping) + "' to be valid, but it was not: " + mapping.getOriginalMessage();
    }
    if (cause instanceof JsonProcessingException json) {
      return "Expected the request body to be valid JSON, but it was not: " + json.getOriginalMessage();
    }
    if (cause == null && unreadable.getMessage() != null && unreadable.getMessage().startsWith("Required request body")) {
      return "Expected a JSON request body, but none was given";
    }
    return "Expected a readable JSON request body, but it was not: " + unreadable.getMessage();
  }

  /** A request parameter or path variable that does not convert to its type. */
  static String describeMismatch(TypeMismatchException mismatch) {
    String name = mismatch instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
        : mismatch.getPropertyName();
    Class<?> type = mismatch.getRequiredType();
    return "Expected the parameter '" + name + "' to be " + (type == null ? "of another type" : expected(type))
        + ", but found '" + mismatch.getValue() + "'";
  }

  private static String path(JsonMappingException error) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : error.getPath()) {
      if (reference.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String expected(Class<?> type) {
    if (Map.class.isAssignableFrom(type)) {
      return "a JSON object";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a JSON array";
    }
    if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
      return "an integer";
    }
    if (Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.toString(type.getEnumConstants());
    }
    return "a JSON object";
  }

  private static String found(MismatchedInputException mismatch) {
    if (mismatch instanceof InvalidFormatException format) {
      Object value = format.getValue();
      return value instanceof String text ? "the string '" + text + "'" : String.valueOf(value);
    }
    JsonToken token = null;
    if (mismatch.getProcessor() instanceof JsonParser parser) {
      token = parser.currentToken();
    }
    if (token == null) {
      return "something else";
    }
    return switch (token) {
      case START_OBJECT, END_OBJECT, FIELD_NAME -> "a JSON object";
      case START_ARRAY, END_ARRAY -> "a JSON array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> "something else";
    };
  }

  // ---- request description --------------------------------------------------------------------

  private static String describe(HttpServletRequest request) {
    return request.getMethod() + " " + request.getRequestURI();
  }

  private static URI instance(HttpServletRequest request) {
    try {
      return URI.create(request.getRequestURI());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
