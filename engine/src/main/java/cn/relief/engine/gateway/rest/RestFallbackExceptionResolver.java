package cn.relief.engine.gateway.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Problem details for failures under {@code /v2} that happen before one of this package's
 * controllers is chosen, which {@link RestProblemHandler} (limited to those controllers) never
 * sees: an endpoint this engine does not implement (404), a wrong method (405), a deployment over
 * the multipart size limit (413). Spring Boot would answer them with its {@code application/json}
 * error page, which the Camunda client reports as a malformed response instead of the reason.
 *
 * <p>Runs before Spring MVC's default resolvers; leaves every other path, and everything that is
 * not one of Spring's own {@link ErrorResponse} failures, to them.
 */
final class RestFallbackExceptionResolver implements HandlerExceptionResolver, Ordered {
  private static final Logger LOG = LoggerFactory.getLogger(RestFallbackExceptionResolver.class);

  @Override
  public ModelAndView resolveException(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception exception) {
    if (!isApiPath(request) || isOwnController(handler) || response.isCommitted()
        || !(exception instanceof ErrorResponse error)) {
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

  private static boolean isApiPath(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals("/v2") || path.startsWith("/v2/");
  }

  private static boolean isOwnController(Object handler) {
    return handler instanceof HandlerMethod method
        && method.getBeanType().getPackageName().equals(RestFallbackExceptionResolver.class.getPackageName());
  }
}
