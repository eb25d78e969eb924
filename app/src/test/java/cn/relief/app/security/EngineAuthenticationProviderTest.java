package cn.relief.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class EngineAuthenticationProviderTest {
  private final UserEngineClients clients = mock(UserEngineClients.class);
  private final EngineUserDirectory directory = mock(EngineUserDirectory.class);
  private final LoginAttempts attempts = new LoginAttempts(2, Duration.ofMinutes(15), Duration.ofMinutes(15),
      Clock.systemUTC());
  private final EngineAuthenticationProvider provider = new EngineAuthenticationProvider(clients, directory, attempts);

  @AfterEach
  void clearRequest() {
    RequestContextHolder.resetRequestAttributes();
  }

  @Test
  void aUserTheEngineAcceptsGetsItsRolesAndKeepsItsClientInTheSession() {
    CamundaClient client = mock(CamundaClient.class, RETURNS_DEEP_STUBS);
    when(clients.open("li.caseworker", "demo-2026")).thenReturn(client);
    EngineUser user = new EngineUser("li.caseworker", "李社工", List.of(ReliefRole.CASEWORKER), "org-station-tianhe",
        "广州市天河区救助管理站");
    when(directory.lookUp("li.caseworker")).thenReturn(user);
    MockHttpServletRequest request = new MockHttpServletRequest();
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

    Authentication result = provider.authenticate(login("li.caseworker", "demo-2026"));

    assertThat(result.getPrincipal()).isEqualTo(user);
    assertThat(result.getCredentials()).as("no password kept").isNull();
    assertThat(result.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_CASEWORKER");
    verify(clients).bind(request.getSession(), "li.caseworker", client);
    verify(client, never()).close();
  }

  @Test
  void aRefusedPasswordCountsOnceAndLocksAtTheLimit() {
    CamundaClient client = refusingClient();
    when(clients.open("li.caseworker", "wrong")).thenReturn(client);

    assertThatThrownBy(() -> provider.authenticate(login("li.caseworker", "wrong")))
        .isInstanceOf(BadCredentialsException.class);
    verify(client).close();
    assertThat(attempts.isLocked("li.caseworker")).isFalse();
    assertThatThrownBy(() -> provider.authenticate(login("li.caseworker", "wrong")))
        .isInstanceOf(BadCredentialsException.class);
    assertThat(attempts.isLocked("li.caseworker")).isTrue();

    assertThatThrownBy(() -> provider.authenticate(login("li.caseworker", "demo-2026")))
        .as("locked: the engine is not even asked").isInstanceOf(LockedException.class);
    verify(clients, never()).open("li.caseworker", "demo-2026");
  }

  @Test
  void anEngineFailureIsNoWrongPassword() {
    CamundaClient client = mock(CamundaClient.class, RETURNS_DEEP_STUBS);
    when(client.newTopologyRequest().send().join()).thenThrow(new ProblemException(503, "Unavailable", null));
    when(clients.open("li.caseworker", "demo-2026")).thenReturn(client);

    assertThatThrownBy(() -> provider.authenticate(login("li.caseworker", "demo-2026")))
        .isInstanceOf(AuthenticationServiceException.class);
    verify(client).close();
    attempts.recordFailure("li.caseworker");
    assertThat(attempts.isLocked("li.caseworker")).as("the engine's failure did not count").isFalse();
  }

  private static CamundaClient refusingClient() {
    CamundaClient client = mock(CamundaClient.class, RETURNS_DEEP_STUBS);
    when(client.newTopologyRequest().send().join()).thenThrow(new ProblemException(401, "Unauthorized", null));
    return client;
  }

  private static UsernamePasswordAuthenticationToken login(String username, String password) {
    return UsernamePasswordAuthenticationToken.unauthenticated(username, password);
  }
}
