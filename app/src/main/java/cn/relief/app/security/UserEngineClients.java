package cn.relief.app.security;

import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Camunda clients that act on the engine as the logged-in users: one per HTTP session, with
 * the user's own credentials, so that what a page may do is what the engine lets that user do.
 * A session's client is closed when the session ends (logout or timeout).
 */
public class UserEngineClients {
  static final String SESSION_ATTRIBUTE = UserEngineClients.class.getName() + ".client";

  private final URI restAddress;
  private final DelegationHeader delegation;

  public UserEngineClients(URI restAddress) {
    this(restAddress, DelegationHeader.NONE);
  }

  public UserEngineClients(URI restAddress, DelegationHeader delegation) {
    this.restAddress = restAddress;
    this.delegation = delegation;
  }

  /** A new client with these credentials over REST; the caller closes it or binds it to a session. */
  public CamundaClient open(String username, String password) {
    return CamundaClient.newClientBuilder()
        .restAddress(restAddress)
        .preferRestOverGrpc(true)
        .credentialsProvider(withDelegation(CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
            .username(username).password(password).applyEnvironmentOverrides(false).build()))
        .build();
  }

  /** The person's credentials and the application's delegation header on every call (pages' own HTTP calls too). */
  private CredentialsProvider withDelegation(CredentialsProvider basic) {
    if (delegation.isNone()) {
      return basic;
    }
    return new CredentialsProvider() {
      @Override
      public void applyCredentials(CredentialsApplier applier) throws IOException {
        basic.applyCredentials(applier);
        applier.put(delegation.name(), delegation.value());
      }

      @Override
      public boolean shouldRetryRequest(StatusCode statusCode) {
        return basic.shouldRetryRequest(statusCode);
      }
    };
  }

  /** Makes {@code client} the session's client, closing any earlier one. */
  public void bind(HttpSession session, CamundaClient client) {
    session.setAttribute(SESSION_ATTRIBUTE, new SessionClient(client, null, this));
  }

  /** As {@link #bind(HttpSession, CamundaClient)}, remembering whose session it is (see {@link #endSessionsOf}). */
  public void bind(HttpSession session, String username, CamundaClient client) {
    sessions.computeIfAbsent(username, u -> ConcurrentHashMap.newKeySet()).add(session);
    session.setAttribute(SESSION_ATTRIBUTE, new SessionClient(client, username, this));
  }

  /**
   * Ends the user's sessions: after an administrator changed their role or organisation, what they
   * may see must not wait for the session to time out (the principal is read at login).
   */
  public int endSessionsOf(String username) {
    Set<HttpSession> open = sessions.remove(username);
    int ended = 0;
    for (HttpSession session : open == null ? Set.<HttpSession>of() : open) {
      try {
        session.invalidate();
        ended++;
      } catch (IllegalStateException alreadyEnded) {
        // timed out or logged out meanwhile
      }
    }
    return ended;
  }

  private final Map<String, Set<HttpSession>> sessions = new ConcurrentHashMap<>();

  private void forget(String username, HttpSession session) {
    Set<HttpSession> open = sessions.get(username);
    if (open != null) {
      open.remove(session);
    }
  }

  /**
   * The client of the session's user for a page: a session without one (it outlived a restart)
   * is sent to log in again, whichever page it asked for.
   */
  public CamundaClient require(HttpSession session) {
    return of(session).orElseThrow(() -> new InsufficientAuthenticationException(
        "Expected the session's engine client, but it has none: log in again"));
  }

  /** The client of the session's user, if it has logged in. */
  public Optional<CamundaClient> of(HttpSession session) {
    return session == null ? Optional.empty()
        : Optional.ofNullable((SessionClient) session.getAttribute(SESSION_ATTRIBUTE)).map(SessionClient::client);
  }

  /** Closes its client when removed from the session or when the session is invalidated. */
  record SessionClient(CamundaClient client, String username, UserEngineClients clients)
      implements HttpSessionBindingListener {
    @Override
    public void valueUnbound(HttpSessionBindingEvent event) {
      client.close();
      if (username != null) {
        clients.forget(username, event.getSession());
      }
    }
  }
}
