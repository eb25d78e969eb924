package cn.relief.app.security;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ClientHttpException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Logs users in against the engine's identity: the username and password must open a Camunda
 * client the engine accepts (a topology request with them), so the same accounts work against a
 * Camunda 8.8 cluster. The roles and the organisation come from the engine's identity. The
 * client stays with the session ({@link UserEngineClients}) and acts on the engine as the user.
 */
public class EngineAuthenticationProvider implements AuthenticationProvider {
  private static final Logger LOG = LoggerFactory.getLogger(EngineAuthenticationProvider.class);

  private final UserEngineClients clients;
  private final EngineUserDirectory directory;
  private final LoginAttempts attempts;

  public EngineAuthenticationProvider(UserEngineClients clients, EngineUserDirectory directory, LoginAttempts attempts) {
    this.clients = clients;
    this.directory = directory;
    this.attempts = attempts;
  }

  /** The path of the partner API (its own stateless filter chain with basic authentication). */
  static final String PARTNER_API = "/api/partner/";

  @Override
  public Authentication authenticate(Authentication authentication) {
    String username = authentication.getName();
    String password = String.valueOf(authentication.getCredentials());
    if (username == null || username.isBlank()) {
      throw new BadCredentialsException("Expected a username, but none was given");
    }
    HttpServletRequest request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes r
        ? r.getRequest() : null;
    // The partner API is called with basic credentials on every request, without a session: its
    // failures lock out the calling address, not the account (else anyone could silence the 110
    // hotline with five wrong passwords), and no client is kept for a session that does not exist.
    boolean stateless = request != null && request.getRequestURI().startsWith(request.getContextPath() + PARTNER_API);
    String lockKey = stateless ? "address " + request.getRemoteAddr() : username;
    if (attempts.isLocked(lockKey)) {
      throw new LockedException("Expected fewer failed logins for '" + lockKey + "', but it is locked out");
    }
    CamundaClient client = clients.open(username, password);
    try {
      client.newTopologyRequest().send().join();
    } catch (ClientException e) {
      client.close();
      if (e instanceof ClientHttpException http && http.code() == 401) {
        if (attempts.recordFailure(lockKey)) {
          LOG.warn("Locked out '{}' after repeated failed logins", lockKey);
        }
        throw new BadCredentialsException("The engine refused the credentials of '" + username + "'");
      }
      throw new AuthenticationServiceException("Expected the engine to answer a topology request, but it failed", e);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    EngineUser user;
    try {
      user = directory.lookUp(username);
    } catch (RuntimeException e) {
      client.close();
      throw new AuthenticationServiceException("Expected to read the roles of '" + username + "' from the engine", e);
    }
    attempts.recordSuccess(lockKey);
    if (request != null && !stateless) {
      clients.bind(request.getSession(true), username, client);
    } else {
      client.close();
    }
    return UsernamePasswordAuthenticationToken.authenticated(user, null,
        user.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList());
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
