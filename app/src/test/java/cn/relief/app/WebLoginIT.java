package cn.relief.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.security.UserEngineClients;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The web application's login against the engine's users, on the same context as ReliefApplicationIT. */
@AppIT
class WebLoginIT {

  @LocalServerPort int port;
  @Autowired UserEngineClients userClients;
  @Autowired CamundaClient client;

  @Test
  void anAnonymousVisitorIsSentToTheLoginPage() throws Exception {
    WebBrowser browser = new WebBrowser(port);
    HttpResponse<String> home = browser.get("/");
    assertThat(home.statusCode()).isEqualTo(302);
    assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    HttpResponse<String> login = browser.get("/login");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("救助管理工作流系统").contains("name=\"_csrf\"");
    assertThat(login.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(login.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(browser.get("/app/anything").statusCode()).isEqualTo(302);
  }

  @Test
  void aCaseworkerLogsInSeesItsRoleAndOrganisationAndLogsOut() throws Exception {
    WebBrowser browser = new WebBrowser(port);
    HttpResponse<String> login = browser.logIn("li.caseworker", "demo-2026");
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    HttpResponse<String> home = browser.get("/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("li.caseworker").contains("data-role=\"ROLE_CASEWORKER\"").contains("个案工作人员")
        .contains("广州市天河区救助管理站");
    assertThat(browser.get("/?lang=en").body()).contains("Caseworker").contains("Log out");
    assertThat(browser.get("/").body()).as("the language stays with the session").contains("Log out");

    HttpResponse<String> logout = browser.post("/logout", "_csrf=" + WebBrowser.enc(WebBrowser.csrf(home.body())));
    assertThat(logout.statusCode()).isEqualTo(302);
    assertThat(browser.get("/").statusCode()).isEqualTo(302);
  }

  @Test
  void aLoginWithoutTheCsrfTokenIsRefused() throws Exception {
    WebBrowser browser = new WebBrowser(port);
    browser.get("/login");
    HttpResponse<String> response = browser.post("/login", "username=li.caseworker&password=demo-2026");
    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void fiveWrongPasswordsLockTheAccount() throws Exception {
    // a user of its own: the lock-out lasts 15 minutes, and the demo users serve other tests in this context
    String username = "lockout." + System.nanoTime();
    client.newCreateUserCommand().username(username).name("锁定测试").password("demo-2026")
        .email(username + "@relief.example").send().join();
    WebBrowser browser = new WebBrowser(port);
    assertThat(browser.logIn("wang.head", "demo-2026").headers().firstValue("Location").orElseThrow())
        .doesNotContain("error");
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> wrong = new WebBrowser(port).logIn(username, "wrong-" + i);
      assertThat(wrong.headers().firstValue("Location").orElseThrow()).as("attempt " + i)
          .endsWith("/login?error");
    }
    WebBrowser locked = new WebBrowser(port);
    HttpResponse<String> refused = locked.logIn(username, "demo-2026");
    assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/login?locked");
    assertThat(locked.get("/login?locked").body()).contains("锁定");
    assertThat(locked.get("/login?locked&lang=en").body()).contains("locked");
    assertThat(locked.get("/").statusCode()).isEqualTo(302);
  }

  @Test
  void theEngineApiStillTakesBasicAuthAndHealthIsPublic() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> topology = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v2/topology"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(topology.statusCode()).isEqualTo(200);
    assertThat(topology.body()).contains("brokers");
    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v2/topology")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).as("the engine's own 401, not a redirect to the login page").isEqualTo(401);
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
  }

  @Test
  void theDemoUsersActOnTheEngineWithTheirRolesPermissions() {
    try (CamundaClient caseworker = userClients.open("li.caseworker", "demo-2026");
        CamundaClient auditor = userClients.open("sun.auditor", "demo-2026");
        CamundaClient head = userClients.open("wang.head", "demo-2026")) {
      long instance = caseworker.newCreateInstanceCommand().bpmnProcessId("relief-case").latestVersion().send().join()
          .getProcessInstanceKey();
      // the intake task is for the group caseworker: its member sees it and may claim it
      var task = Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> caseworker.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(instance)).send().join()
              .items(), items -> !items.isEmpty()).get(0);
      caseworker.newAssignUserTaskCommand(task.getUserTaskKey()).assignee("li.caseworker").send().join();
      // the auditor reads the case but may not start one
      assertThat(auditor.newProcessInstanceGetRequest(instance).send().join().getProcessDefinitionId())
          .isEqualTo("relief-case");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> auditor.newCreateInstanceCommand()
              .bpmnProcessId("relief-case").latestVersion().send().join())
          .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(403));
      // a station head is in no candidate group of the intake task
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> head.newAssignUserTaskCommand(task.getUserTaskKey())
              .assignee("wang.head").send().join())
          .isInstanceOf(ProblemException.class);
    }
  }
}
