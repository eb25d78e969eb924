package cn.relief.engine.gateway.rest;

import cn.relief.engine.api.Caller;
import cn.relief.engine.api.CallerContext;
import cn.relief.engine.identity.ApiSecurity;
import cn.relief.engine.identity.RestPermissions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires HTTP basic authentication as one of the engine's users on the REST v2 API (what the
 * Camunda client sends with {@code camunda.client.auth.method=basic}). Registered for {@code /v2/*}
 * by {@link RestGatewayConfiguration}.
 *
 * <p>Runs before Spring MVC, so it writes its 401 problem detail itself. Async re-dispatches of an
 * already authenticated long poll are skipped ({@link OncePerRequestFilter}'s default). Neither the
 * Authorization header nor anything decoded from it is ever logged.
 */
public class RestAuthenticationFilter extends OncePerRequestFilter {
  private static final Logger LOG = LoggerFactory.getLogger(RestAuthenticationFilter.class);
  static final String CHALLENGE = "Basic realm=\"relief-engine\"";

  private final ApiSecurity security;

  public RestAuthenticationFilter(ApiSecurity security) {
    this.security = Objects.requireNonNull(security, "security");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String served = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
    if (!RestPermissions.canonicalPath(path).equals(served)) {
      // The container mapped the request after removing dot segments and doubled slashes, which
      // Spring MVC and the permission table would read otherwise: no client sends such paths, so
      // they are refused rather than interpreted twice.
      ProblemJson.write(response, HttpStatus.BAD_REQUEST.value(), "INVALID_ARGUMENT",
          "Expected a request path without dot segments or empty segments, but got '" + path + "'", path);
      return;
    }
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    Optional<String> user = security.authenticate(header, request.getHeader(ApiSecurity.DELEGATION_HEADER));
    if (user.isPresent()) {
      Optional<String> refusal = security.refuse(user.get(), request.getMethod() + " " + request.getRequestURI(),
          RestPermissions.required(request.getMethod(), path));
      if (refusal.isPresent()) {
        ProblemJson.write(response, HttpStatus.FORBIDDEN.value(), "FORBIDDEN", refusal.get(), request.getRequestURI());
        return;
      }
      // Controllers submit their commands on this thread; the engine takes the caller from here.
      try (CallerContext.Scope ignored = CallerContext.open(Caller.user(user.get()))) {
        chain.doFilter(request, response);
      }
      return;
    }
    LOG.debug("Refused unauthenticated REST request {} {} from {}",
        request.getMethod(), request.getRequestURI(), request.getRemoteAddr());
    String detail = header == null
        ? "Expected HTTP basic authentication, but the request had no Authorization header"
        : "Expected HTTP basic authentication with valid credentials, but the given credentials were not accepted";
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
    ProblemJson.write(response, HttpStatus.UNAUTHORIZED.value(), HttpStatus.UNAUTHORIZED.getReasonPhrase(),
        detail, request.getRequestURI());
  }
}
