package cn.relief.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.WebBrowser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The app's console log (its own classes and the engine's, Spring Security's and Spring MVC's at
 * DEBUG, the rest as configured), as printed, holds no
 * password, no delegation token and no basic Authorization header while people log in, fail to
 * log in, an administrator creates a user with a password, and pages call the engine for people.
 */
@AppIT
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedAppIT {
  private static final String[] VERBOSE = {"cn.relief", "org.springframework.security", "org.springframework.web"};

  @LocalServerPort int port;

  @Test
  void loginsUserCreationAndDelegatedCallsLogNoSecret(CapturedOutput output) throws Exception {
    String newPassword = "pw-" + UUID.randomUUID();
    String wrongPassword = "wrong-" + UUID.randomUUID();
    String username = "secret.keeper" + System.nanoTime() % 100000;
    LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
    for (String logger : VERBOSE) {
      logging.setLogLevel(logger, LogLevel.DEBUG);
    }
    int before = output.getOut().length() + output.getErr().length();
    try {
      WebBrowser admin = new WebBrowser(port);
      admin.logIn("admin", "demo-2026");
      String csrf = WebBrowser.csrf(admin.get("/admin/users").body());
      assertThat(admin.post("/admin/users", "username=" + username + "&name=" + WebBrowser.enc("保密") + "&email="
          + username + "%40relief.example&password=" + WebBrowser.enc(newPassword)
          + "&role=CASEWORKER&organisation=org-station-baiyun&_csrf=" + WebBrowser.enc(csrf)).statusCode())
          .isEqualTo(302);
      WebBrowser person = new WebBrowser(port);
      assertThat(person.logIn(username, wrongPassword).headers().firstValue("Location")).hasValueSatisfying(
          location -> assertThat(location).contains("error"));
      person.logIn(username, newPassword);
      assertThat(person.get("/tasks").statusCode()).isEqualTo(200);
      assertThat(person.get("/cases").statusCode()).isEqualTo(200);
      WebBrowser li = new WebBrowser(port);
      li.logIn("li.caseworker", "demo-2026");
      assertThat(li.get("/tasks").statusCode()).isEqualTo(200);
      assertThat(li.get("/admin/users").statusCode()).isEqualTo(403);
    } finally {
      for (String logger : VERBOSE) {
        logging.setLogLevel(logger, null);
      }
    }
    String log = output.getAll();
    System.out.printf("SecretsNotLoggedAppIT: %d characters of log printed%n", log.length() - before);
    assertThat(log.length() - before).as("log printed meanwhile").isPositive();
    assertThat(log).doesNotContain("demo-2026", newPassword, wrongPassword, "test-delegation-token", "Basic ",
        base64("li.caseworker:demo-2026"), base64(username + ":" + newPassword), base64("admin:demo-2026"));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
