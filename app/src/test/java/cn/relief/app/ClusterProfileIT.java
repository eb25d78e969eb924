package cn.relief.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import java.net.http.HttpResponse;
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
 * no embedded engine and no PostgreSQL, its client, workers and web login pointed at an engine
 * elsewhere, here the shared test context's engine standing in for the cluster.
 */
@AppIT
class ClusterProfileIT {
  @Autowired CamundaClient client;
  @Value("${server.port}") int httpPort;
  @Value("${relief.engine.grpc.port}") int grpcPort;

  @Test
  void theAppRunsAgainstAnEngineElsewhereWithoutItsOwnEngineOrDatabase() throws Exception {
    int reliefCaseVersion = latestReliefCaseVersion();
    try (ConfigurableApplicationContext second = new SpringApplicationBuilder(ReliefApplication.class)
        .profiles("cluster")
        .properties("PORT=0", "RELIEF_DATA_DIR=target/cluster-profile/" + UUID.randomUUID(),
            "CAMUNDA_REST_ADDRESS=http://localhost:" + httpPort, "CAMUNDA_GRPC_ADDRESS=http://localhost:" + grpcPort,
            "CAMUNDA_USERNAME=demo", "CAMUNDA_PASSWORD=demo",
            // this project's engine admits people only through an app holding its delegation token
            "RELIEF_DELEGATION_TOKEN=test-delegation-token")
        .run()) {
      assertThat(second.getBeanNamesForType(DataSource.class)).isEmpty();
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

  private int latestReliefCaseVersion() {
    return client.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId("relief-case"))
        .send().join().items().stream().mapToInt(d -> d.getVersion()).max().orElseThrow();
  }
}
