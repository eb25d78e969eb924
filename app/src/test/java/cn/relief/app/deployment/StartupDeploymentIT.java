package cn.relief.app.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.ProcessDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

/**
 * A restart does not undo what policy staff deployed: the start-up deployment leaves out a model
 * whose content is an older version's, and deploys a new release's content.
 */
@AppIT
class StartupDeploymentIT {
  @Autowired CamundaClient client;

  @Test
  void aRestartKeepsTheModelsPageVersionUntilTheReleaseChangesTheModel() throws Exception {
    new ProcessModelDeployer(client, new String[] {"classpath:deployer-test/release-1/*.bpmn"}).deployOnStartup();
    awaitLatest("发布1");

    // policy staff change the model on the Models page: the same resource name, a new version
    String edited = new String(new ClassPathResource("deployer-test/release-1/deployer-test.bpmn")
        .getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("发布1", "政策人员修改");
    client.newDeployResourceCommand().addResourceStringUtf8(edited, "deployer-test.bpmn").send().join();
    awaitLatest("政策人员修改");

    // the application restarts with the same release: their version stays the latest
    ProcessModelDeployer restart =
        new ProcessModelDeployer(client, new String[] {"classpath:deployer-test/release-1/*.bpmn"});
    restart.deployOnStartup();
    assertThat(restart.lastDeployment()).as("nothing deployed").isNull();
    assertThat(latest().getName()).isEqualTo("政策人员修改");
    assertThat(latest().getVersion()).isEqualTo(2);

    // a new release changes the model: it is deployed
    new ProcessModelDeployer(client, new String[] {"classpath:deployer-test/release-2/*.bpmn"}).deployOnStartup();
    awaitLatest("发布2");
    assertThat(latest().getVersion()).isEqualTo(3);
  }

  private void awaitLatest(String name) {
    // ignoring exceptions: until the history projection has the first version, latest() finds none
    Awaitility.await(name).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
        .until(() -> name.equals(latest().getName()));
  }

  private ProcessDefinition latest() {
    return client.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId("deployer-test"))
        .send().join().items().stream().max(Comparator.comparingInt(ProcessDefinition::getVersion)).orElseThrow();
  }
}
