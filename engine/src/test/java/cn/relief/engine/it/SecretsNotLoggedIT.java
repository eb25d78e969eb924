package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.OwnerType;
import io.camunda.client.api.search.enums.PermissionType;
import io.camunda.client.api.search.enums.ResourceType;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * No password, delegation token, basic {@code Authorization} header or database password reaches
 * the log (everything logged, the engine's classes and Spring MVC's at DEBUG) or the audit trail: captured
 * while a second engine starts on a database user with a password and a configured delegation
 * token, and while users are created, log in, fail to log in, change passwords and deploy.
 */
class SecretsNotLoggedIT extends ClientTestSupport {

  @Test
  void noSecretReachesTheLogOrTheAuditTrail() throws Exception {
    String dbPassword = "db-" + UUID.randomUUID();
    String adminPassword = "admin-" + UUID.randomUUID();
    String token = "token-" + UUID.randomUUID();
    String userPassword = "user-" + UUID.randomUUID();
    String newPassword = "changed-" + UUID.randomUUID();
    String wrongPassword = "wrong-" + UUID.randomUUID();
    String database = "secrets_" + Long.toHexString(System.nanoTime());
    String dbUser = database + "_owner";
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE ROLE " + dbUser + " LOGIN PASSWORD '" + dbPassword + "'");
      statement.execute("CREATE DATABASE " + database + " OWNER " + dbUser);
    }
    String url;
    try (Connection connection = dataSource.getConnection()) {
      String shared = connection.getMetaData().getURL();
      url = shared.substring(0, shared.lastIndexOf('/') + 1) + database;
    }

    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = logging.getLogger(Logger.ROOT_LOGGER_NAME);
    // the engine's own classes and Spring MVC's (which logs request bodies) at DEBUG
    List<Logger> verbose = List.of(logging.getLogger("cn.relief"), logging.getLogger("org.springframework.web"));
    List<Level> levels = verbose.stream().map(Logger::getLevel).toList();
    captured.setContext(logging);
    captured.start();
    root.addAppender(captured);
    verbose.forEach(logger -> logger.setLevel(Level.DEBUG));
    String username = uniqueId("secret-keeper", Transport.REST);
    try (ConfigurableApplicationContext second = new SpringApplicationBuilder(TestEngineApplication.class).run(
        "--spring.datasource.url=" + url, "--spring.datasource.username=" + dbUser,
        "--spring.datasource.password=" + dbPassword, "--server.port=0", "--relief.engine.grpc.port=0",
        "--relief.engine.auth.username=root-admin", "--relief.engine.auth.password=" + adminPassword,
        "--relief.engine.auth.delegation-token=" + token, "--relief.engine.auth.delegated-roles=person")) {
      int port = ((ServletWebServerApplicationContext) second).getWebServer().getPort();
      int grpcPort = second.getBean(cn.relief.engine.gateway.grpc.GrpcGatewayServer.class).port();
      for (boolean rest : List.of(true, false)) {
        String name = username + (rest ? "-rest" : "-grpc");
        try (CamundaClient admin = EngineClients.client(port, grpcPort, rest, "root-admin", adminPassword)) {
          admin.newCreateUserCommand().username(name).password(userPassword).send().join();
          admin.newCreateAuthorizationCommand().ownerId(name).ownerType(OwnerType.USER).resourceId("*")
              .resourceType(ResourceType.RESOURCE).permissionTypes(PermissionType.CREATE).send().join();
          admin.newUpdateUserCommand(name).password(newPassword).send().join();
        }
        try (CamundaClient user = EngineClients.client(port, grpcPort, rest, name, newPassword)) {
          deploy(user, oneTask(name, name));
        }
        try (CamundaClient wrong = EngineClients.client(port, grpcPort, rest, name, wrongPassword)) {
          assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> wrong.newTopologyRequest().send().join()))
              .isNotNull();
        }
        try (CamundaClient old = EngineClients.client(port, grpcPort, rest, name, userPassword)) {
          assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> old.newTopologyRequest().send().join()))
              .isNotNull();
        }
      }
      // a person acting through the delegation header, and a refused call of theirs
      try (CamundaClient admin = EngineClients.client(port, grpcPort, true, "root-admin", adminPassword)) {
        admin.newCreateRoleCommand().roleId("person").name("Person").send().join();
        admin.newCreateUserCommand().username(username + "-person").password(userPassword).send().join();
        admin.newAssignRoleToUserCommand().roleId("person").username(username + "-person").send().join();
      }
      HttpResponse<String> asPerson = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/v2/users/search"))
              .header("Authorization", basic(username + "-person", userPassword))
              .header(cn.relief.engine.identity.ApiSecurity.DELEGATION_HEADER, token)
              .header("Content-Type", "application/json")
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(asPerson.statusCode()).isEqualTo(403);

      // the audit trail as stored: its request data and targets
      try (Connection connection = second.getBean(javax.sql.DataSource.class).getConnection();
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT * FROM engine_audit")) {
        int entries = 0;
        while (rows.next()) {
          entries++;
          StringBuilder row = new StringBuilder();
          for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
            row.append(rows.getString(column)).append('|');
          }
          assertThat(row.toString()).as("audit entry").doesNotContain(userPassword, newPassword, wrongPassword,
              adminPassword, token, dbPassword);
        }
        assertThat(entries).as("audit entries written").isGreaterThan(10);
      }
    } finally {
      root.detachAppender(captured);
      for (int i = 0; i < verbose.size(); i++) {
        verbose.get(i).setLevel(levels.get(i));
      }
      captured.stop();
    }

    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : captured.list) {
      lines.add(event.getLoggerName() + " " + event.getFormattedMessage() + " " + Map.of("mdc", event.getMDCPropertyMap()));
      for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
        lines.add(cause.getClassName() + ": " + cause.getMessage());
      }
    }
    String log = String.join("\n", lines);
    System.out.printf("SecretsNotLoggedIT: %d log events captured (%d characters)%n", captured.list.size(),
        log.length());
    assertThat(captured.list).as("log events captured").hasSizeGreaterThan(20);
    assertThat(log).as("the engine's log").doesNotContain(dbPassword, adminPassword, token,
        userPassword, newPassword, wrongPassword, "Basic ",
        base64("root-admin:" + adminPassword), base64(username + "-rest:" + newPassword),
        base64(username + "-rest:" + wrongPassword));
  }

  private static String basic(String user, String password) {
    return "Basic " + base64(user + ":" + password);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
