package cn.relief.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.security.UserEngineClients;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/** The web application's login against the engine's users, on the same context as ReliefApplicationIT. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {"server.port=18080", "relief.engine.grpc.port=36500"})
class WebLoginIT {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  @LocalServerPort int port;
  @Autowired UserEngineClients userClients;

  @Test
  void anAnonymousVisitorIsSentToTheLoginPage() throws Exception {
    Browser browser = new Browser();
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
    Browser browser = new Browser();
    HttpResponse<String> login = browser.logIn("li.caseworker", "demo-2026");
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    HttpResponse<String> home = browser.get("/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("li.caseworker").contains("data-role=\"ROLE_CASEWORKER\"").contains("个案工作人员")
        .contains("广州市天河区救助管理站");
    assertThat(browser.get("/?lang=en").body()).contains("Caseworker").contains("Log out");
    assertThat(browser.get("/").body()).as("the language stays with the session").contains("Log out");

    HttpResponse<String> logout = browser.post("/logout", "_csrf=" + enc(csrf(home.body())));
    assertThat(logout.statusCode()).isEqualTo(302);
    assertThat(browser.get("/").statusCode()).isEqualTo(302);
  }

  @Test
  void aLoginWithoutTheCsrfTokenIsRefused() throws Exception {
    Browser browser = new Browser();
    browser.get("/login");
    HttpResponse<String> response = browser.post("/login", "username=li.caseworker&password=demo-2026");
    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void fiveWrongPasswordsLockTheAccount() throws Exception {
    Browser browser = new Browser();
    assertThat(browser.logIn("wang.head", "demo-2026").headers().firstValue("Location").orElseThrow())
        .doesNotContain("error");
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> wrong = new Browser().logIn("sun.auditor", "wrong-" + i);
      assertThat(wrong.headers().firstValue("Location").orElseThrow()).as("attempt " + i)
          .endsWith("/login?error");
    }
    Browser locked = new Browser();
    HttpResponse<String> refused = locked.logIn("sun.auditor", "demo-2026");
    assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/login?locked");
    assertThat(locked.get("/login?locked").body()).contains("锁定");
    assertThat(locked.get("/login?locked&lang=en").body()).contains("locked");
    assertThat(locked.get("/").statusCode()).isEqualTo(302);
  }

  @Test
  void theEngineApiStillTakesBasicAuthAndHealthIsPublic() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> topology = http.send(HttpRequest.newBuilder(uri("/v2/topology"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(topology.statusCode()).isEqualTo(200);
    assertThat(topology.body()).contains("brokers");
    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/v2/topology")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).as("the engine's own 401, not a redirect to the login page").isEqualTo(401);
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
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

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String csrf(String page) {
    Matcher matcher = CSRF.matcher(page);
    assertThat(matcher.find()).as("a CSRF token on the page").isTrue();
    return matcher.group(1);
  }

  /** A browser session: keeps its cookies, follows no redirects. */
  private final class Browser {
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    HttpResponse<String> get(String path) throws Exception {
      return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String form) throws Exception {
      return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> logIn(String username, String password) throws Exception {
      String token = csrf(get("/login").body());
      return post("/login", "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(token));
    }
  }
}
