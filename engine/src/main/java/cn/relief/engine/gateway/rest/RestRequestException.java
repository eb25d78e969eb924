package cn.relief.engine.gateway.rest;

import org.springframework.http.HttpStatus;

/**
 * A request the REST gateway refuses before it reaches the engine, e.g. a missing field or a key
 * that is not a number. Answered as a problem detail with the given status and title.
 */
final class RestRequestException extends RuntimeException {
  private final HttpStatus status;
  private final String title;

  private RestRequestException(HttpStatus status, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
  }

  /** 400 with Zeebe's title for bad input, so clients see the same title as for engine rejections. */
  static RestRequestException invalid(String detail) {
    return new RestRequestException(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", detail);
  }

  /** 404 for a path naming something that does not exist (a user, a group...). */
  static RestRequestException notFound(String detail) {
    return new RestRequestException(HttpStatus.NOT_FOUND, "NOT_FOUND", detail);
  }

  /** 501 for well-formed requests using features this engine does not have (yet). */
  static RestRequestException unsupported(String detail) {
    return new RestRequestException(HttpStatus.NOT_IMPLEMENTED, "UNIMPLEMENTED", detail);
  }

  HttpStatus status() {
    return status;
  }

  String title() {
    return title;
  }
}
