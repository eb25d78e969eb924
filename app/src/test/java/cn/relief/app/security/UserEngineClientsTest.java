package cn.relief.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.camunda.client.CamundaClient;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

class UserEngineClientsTest {
  private final UserEngineClients clients = new UserEngineClients(URI.create("http://localhost:1"));

  @Test
  void theSessionsClientIsClosedWhenTheSessionEnds() {
    MockHttpSession session = new MockHttpSession();
    CamundaClient client = mock(CamundaClient.class);
    clients.bind(session, client);
    assertThat(clients.of(session)).containsSame(client);
    verify(client, never()).close();

    session.invalidate();
    verify(client).close();
  }

  @Test
  void aNewLoginInTheSameSessionClosesTheEarlierClient() {
    MockHttpSession session = new MockHttpSession();
    CamundaClient first = mock(CamundaClient.class);
    CamundaClient second = mock(CamundaClient.class);
    clients.bind(session, first);
    clients.bind(session, second);
    verify(first).close();
    assertThat(clients.of(session)).containsSame(second);
  }

  @Test
  void noSessionNoClient() {
    assertThat(clients.of(null)).isEmpty();
    assertThat(clients.of(new MockHttpSession())).isEmpty();
  }
}
