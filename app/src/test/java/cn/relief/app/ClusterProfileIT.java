package cn.relief.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The profile {@code cluster} (README "Against a Camunda 8.8 cluster"): a second application with
 * no embedded engine, its own records in a database of its own, its client, workers and web login pointed at an engine
 * elsewhere, here the shared test context's engine standing in for the cluster.
 */
@AppIT
class ClusterProfileIT {
  @Autowired CamundaClient client;
  @Autowired DataSource dataSource;
  @Value("${server.port}") int httpPort;
  @Value("${relief.engine.grpc.port}") int grpcPort;

  @Test
  void theAppRunsAgainstAnEngineElsewhereWithoutItsOwnEngine() throws Exception {
    int reliefCaseVersion = latestReliefCaseVersion();
    try (ConfigurableApplicationContext second = new SpringApplicationBuilder(ReliefApplication.class)
        .profiles("cluster")
        .properties("PORT=0", "RELIEF_DATA_DIR=target/cluster-profile/" + UUID.randomUUID(),
            "CAMUNDA_REST_ADDRESS=http://localhost:" + httpPort, "CAMUNDA_GRPC_ADDRESS=http://localhost:" + grpcPort,
            "CAMUNDA_USERNAME=demo", "CAMUNDA_PASSWORD=demo",
            // this project's engine admits people only through an app holding its delegation token
            "RELIEF_DELEGATION_TOKEN=test-delegation-token",
            // its own records in a database of its own (here on the test context's server)
            "RELIEF_APP_DB_URL=" + ownDatabase(), "RELIEF_APP_DB_USER=postgres")
        .run()) {
      // a DataSource for the app's own records, but no engine and no engine tables in it
      try (Connection connection = second.getBean(DataSource.class).getConnection();
          ResultSet tables = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
        List<String> names = new ArrayList<>();
        while (tables.next()) {
          names.add(tables.getString("TABLE_SCHEM") + "." + tables.getString("TABLE_NAME"));
        }
        assertThat(names).contains("relief_app.discovery_report").noneMatch(name -> name.startsWith("public."));
      }
      assertThat(second.getBeanFactory().getBeanDefinitionNames()).noneMatch(name -> {
        Class<?> type = second.getBeanFactory().getType(name);
        return type != null && type.getName().startsWith("cn.relief.engine.");
      });
      int port = ((WebServerApplicationContext) second).getWebServer().getPort();

      // people log in with the cluster's users, their roles and organisation read from its identity
      WebBrowser browser = new WebBrowser(port);
      browser.logIn("li.caseworker", "demo-2026");
      HttpResponse<String> home = browser.get("/");
      assertThat(home.statusCode()).isEqualTo(200);
      assertThat(home.body()).contains("李社工", "data-role=\"ROLE_CASEWORKER\"", "广州市天河区救助管理站");
      // its own REST API is not there: /v2 belongs to the cluster
      assertThat(new WebBrowser(port).get("/v2/topology").statusCode()).isIn(302, 401, 403, 404);
      // the models it deployed at start were the same as the cluster's: no new version
      assertThat(latestReliefCaseVersion()).isEqualTo(reliefCaseVersion);
    }
  }

  /** A fresh database beside the test context's, for the second application's own records. */
  private String ownDatabase() throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS cluster_profile_app");
      statement.execute("CREATE DATABASE cluster_profile_app");
      return connection.getMetaData().getURL().replaceFirst("/[^/?]+(\\?|$)", "/cluster_profile_app$1");
    }
  }

  private int latestReliefCaseVersion() {
    return client.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId("relief-case"))
        .send().join().items().stream().mapToInt(d -> d.getVersion()).max().orElseThrow();
  }
}
