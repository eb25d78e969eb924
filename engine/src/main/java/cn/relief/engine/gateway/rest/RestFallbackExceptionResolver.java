package cn.relief.engine.gateway.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Problem details for failures under {@code /v2} that happen before one of this package's
 * controllers is chosen, which {@link RestProblemHandler} (limited to those controllers) never
 * sees: an endpoint this engine does not implement (404), a wrong method (405), a deployment over
 * the multipart size limit (413), a body declared multipart that is not (400), and for the
 * engine's controllers outside this package (audit, retention) an unreadable body or a parameter
 * of the wrong type (400). Spring Boot would answer them with its {@code application/json} error
 * page (a 500 for a broken multipart body), which the Camunda client reports as a malformed
 * response instead of the reason.
 *
 * <p>Runs before Spring MVC's default resolvers; leaves every other path, and everything that is
 * not one of Spring's own {@link ErrorResponse} failures or one of the three above, to them.
 */
final class RestFallbackExceptionResolver implements HandlerExceptionResolver, Ordered {
  private static final Logger LOG = LoggerFactory.getLogger(RestFallbackExceptionResolver.class);

  @Override
  public ModelAndView resolveException(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception exception) {
    if (!isApiPath(request) || isOwnController(handler) || response.isCommitted()) {
      return null;
    }
    String invalid = null;
    if (exception instanceof MultipartException unreadable && !(exception instanceof ErrorResponse)) {
      // A body declared multipart that is not (no boundary, cut off): the DispatcherServlet fails
      // to parse it before any controller runs, which Spring Boot answered with a 500 page (found
      // by RequestShapesIT). It is the caller's mistake.
      invalid = "Expected a multipart/form-data request body, but it could not be read: " + rootMessage(unreadable);
    } else if (exception instanceof HttpMessageNotReadableException unreadable) {
      // controllers outside this package (audit, retention) got Spring Boot's JSON error page
      invalid = RestProblemHandler.describeUnreadable(unreadable);
    } else if (exception instanceof TypeMismatchException mismatch) {
      invalid = RestProblemHandler.describeMismatch(mismatch);
    }
    if (invalid != null) {
      try {
        ProblemJson.write(response, HttpStatus.BAD_REQUEST.value(), "INVALID_ARGUMENT", invalid,
            request.getRequestURI());
        return new ModelAndView();
      } catch (IOException | RuntimeException e) {
        LOG.debug("Could not write problem detail for {} {}", request.getMethod(), request.getRequestURI(), e);
        return null;
      }
    }
    if (!(exception instanceof ErrorResponse error)) {
      return null;
    }
    HttpStatusCode status = error.getStatusCode();
    ProblemDetail body = error.getBody();
    try {
      // e.g. Allow for 405, Accept for 415
      error.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
      String detail;
      String title = body.getTitle();
      if (exception instanceof NoResourceFoundException) {
        detail = "Expected a REST v2 endpoint " + request.getMethod() + " " + request.getRequestURI()
            + ", but this engine does not provide it";
      } else if (exception instanceof MaxUploadSizeExceededException tooLarge) {
        // Spring's own "Maximum upload size exceeded" names neither the limit nor the setting
        title = "PAYLOAD_TOO_LARGE";
        detail = "Expected each uploaded resource to be at most "
            + (tooLarge.getMaxUploadSize() >= 0 ? tooLarge.getMaxUploadSize() + " bytes" : "the upload limit")
            + " (spring.servlet.multipart.max-file-size and max-request-size), but the upload was larger";
      } else {
        detail = body.getDetail();
      }
      ProblemJson.write(response, status.value(), title, detail, request.getRequestURI());
      return new ModelAndView();
    } catch (IOException | RuntimeException e) {
      LOG.debug("Could not write problem detail for {} {}", request.getMethod(), request.getRequestURI(), e);
      return null;
    }
  }

  @Override
  public int getOrder() {
    // After Spring Boot's DefaultErrorAttributes (which only records the error), before the MVC defaults.
    return Ordered.HIGHEST_PRECEDENCE + 100;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    // control characters (a file name with a NUL) are not echoed into the answer or the log
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().replaceAll("\\p{Cntrl}", "?");
  }

  private static boolean isApiPath(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals("/v2") || path.startsWith("/v2/");
  }

  private static boolean isOwnController(Object handler) {
    return handler instanceof HandlerMethod method
        && method.getBeanType().getPackageName().equals(RestFallbackExceptionResolver.class.getPackageName());
  }
}
