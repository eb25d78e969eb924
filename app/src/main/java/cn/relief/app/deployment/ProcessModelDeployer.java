package cn.relief.app.deployment;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.response.DeploymentEvent;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the BPMN and DMN models and the forms on the classpath (the processes module's
 * {@code processes/} folder, the forms module's {@code forms/}) together once the application is
 * ready (a user task that binds its form to its deployment finds it there), through the Camunda client, so it works the same against the
 * embedded engine and a Camunda 8 cluster. Unchanged models keep their version (the engine
 * deduplicates identical resources).
 */
@Component
public class ProcessModelDeployer {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessModelDeployer.class);

  private final CamundaClient client;
  private final String[] patterns;
  private volatile DeploymentEvent lastDeployment;

  ProcessModelDeployer(CamundaClient client,
      @Value("${relief.processes.locations:classpath*:processes/**/*.bpmn,classpath*:processes/**/*.dmn,"
          + "classpath*:forms/**/*.form}")
      String[] patterns) {
    this.client = client;
    this.patterns = patterns;
  }

  @EventListener(ApplicationReadyEvent.class)
  void deployOnStartup() throws IOException, InterruptedException {
    List<Resource> resources = new ArrayList<>();
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    for (String pattern : patterns) {
      resources.addAll(List.of(resolver.getResources(pattern.trim())));
    }
    if (resources.isEmpty()) {
      LOG.info("No process or decision models found at {}", List.of(patterns));
      return;
    }
    List<String> names = new ArrayList<>();
    DeployResourceCommandStep1.DeployResourceCommandStep2 command = null;
    SupersededModels superseded = new SupersededModels(client);
    for (Resource resource : resources) {
      try (InputStream in = resource.getInputStream()) {
        byte[] content = in.readAllBytes();
        if (supersededOnEngine(superseded, resource.getFilename(), content)) {
          LOG.info("Not deploying {}: a newer version of it was deployed since this one (Models page)",
              resource.getFilename());
          continue;
        }
        command = command == null
            ? client.newDeployResourceCommand().addResourceBytes(content, resource.getFilename())
            : command.addResourceBytes(content, resource.getFilename());
        names.add(resource.getFilename());
      }
    }
    if (command == null) {
      LOG.info("Every model on the classpath was superseded on the engine: nothing to deploy");
      return;
    }
    // the engine's REST API is served by this application's web server, which is up by now;
    // against a remote cluster a few retries cover a gateway that is still starting
    for (int attempt = 1; ; attempt++) {
      try {
        lastDeployment = command.send().join(30, java.util.concurrent.TimeUnit.SECONDS);
        LOG.info("Deployed {} process model(s) {}: deployment key {}", names.size(), names, lastDeployment.getKey());
        return;
      } catch (RuntimeException e) {
        if (attempt >= 5) {
          throw new IllegalStateException("Could not deploy the process models " + names + ": " + e.getMessage(), e);
        }
        LOG.warn("Deploying the process models failed (attempt {}), retrying: {}", attempt, e.getMessage());
        Thread.sleep(Duration.ofSeconds(attempt).toMillis());
      }
    }
  }

  /** Whether the engine holds a newer version than this model; unknown (the engine not up yet) counts as no. */
  private static boolean supersededOnEngine(SupersededModels superseded, String filename, byte[] content) {
    try {
      return superseded.superseded(filename, content);
    } catch (RuntimeException e) {
      LOG.warn("Could not compare {} with the engine's versions, deploying it: {}", filename, e.getMessage());
      return false;
    }
  }

  /** The deployment made at start-up, or null before it happened. */
  public DeploymentEvent lastDeployment() {
    return lastDeployment;
  }
}
