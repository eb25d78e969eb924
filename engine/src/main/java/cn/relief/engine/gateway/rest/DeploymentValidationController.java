package cn.relief.engine.gateway.rest;

import cn.relief.engine.Engine;
import cn.relief.engine.processing.command.DeploymentProcessor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /v2/relief/deployments/validation}: a dry run of {@code POST /v2/deployments}, the
 * project's own endpoint (not part of the Camunda API). It takes the same multipart body, needs
 * the same permission (RESOURCE CREATE), is recorded in the audit trail, and answers 200 with the
 * problems the deployment would be rejected for, each with the element id when the engine knows it
 * ({@code valid} when there are none). The modeler uses it to mark the elements before deploying.
 */
@RestController
public class DeploymentValidationController {
  private final Engine engine;

  public DeploymentValidationController(Engine engine) {
    this.engine = engine;
  }

  /** The answer: whether the resources would deploy, and why not. */
  public record Validation(boolean valid, List<DeploymentProcessor.Problem> problems) {}

  @PostMapping(path = "/v2/relief/deployments/validation", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public CompletableFuture<Validation> validate(
      @RequestParam(name = "resources", required = false) List<MultipartFile> resources,
      @RequestParam(name = "tenantId", required = false) String tenantId) {
    if (resources == null || resources.isEmpty()) {
      throw RestRequestException.invalid(
          "Expected to validate at least one resource (multipart parts named 'resources'), but none was given");
    }
    return engine.validateDeployment(DeploymentController.resources(resources), RestRequests.tenant(tenantId))
        .thenApply(problems -> new Validation(problems.isEmpty(), problems));
  }
}
