package cn.relief.engine.gateway.rest;

import cn.relief.engine.api.EngineApi;
import io.camunda.client.protocol.rest.DeploymentDecisionRequirementsResult;
import io.camunda.client.protocol.rest.DeploymentDecisionResult;
import io.camunda.client.protocol.rest.DeploymentFormResult;
import io.camunda.client.protocol.rest.DeploymentMetadataResult;
import io.camunda.client.protocol.rest.DeploymentProcessResult;
import io.camunda.client.protocol.rest.DeploymentResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /v2/deployments}: the client sends each resource as a multipart part named {@code
 * resources} whose file name is the resource name, plus an optional text part {@code tenantId}.
 */
@RestController
public class DeploymentController {
  private final EngineApi api;

  public DeploymentController(EngineApi api) {
    this.api = api;
  }

  @PostMapping(path = "/v2/deployments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public CompletableFuture<DeploymentResult> deploy(
      @RequestParam(name = "resources", required = false) List<MultipartFile> resources,
      @RequestParam(name = "tenantId", required = false) String tenantId) {
    if (resources == null || resources.isEmpty()) {
      throw RestRequestException.invalid(
          "Expected to deploy at least one resource (multipart parts named 'resources'), but none was given");
    }
    List<EngineApi.DeployResource> toDeploy = resources(resources);
    String tenant = RestRequests.tenant(tenantId);
    // The engine recognizes the resource kind by name and content; it rejects what it cannot deploy.
    return api.deploy(toDeploy, tenant).thenApply(info -> toResult(info, tenant));
  }

  /** The parts as resources; a part without a file name or unreadable is a bad request. */
  static List<EngineApi.DeployResource> resources(List<MultipartFile> resources) {
    List<EngineApi.DeployResource> toDeploy = new ArrayList<>(resources.size());
    for (MultipartFile resource : resources) {
      toDeploy.add(new EngineApi.DeployResource(resourceName(resource), content(resource)));
    }
    return toDeploy;
  }

  private static String resourceName(MultipartFile resource) {
    String name = resource.getOriginalFilename();
    if (name == null || name.isBlank()) {
      throw RestRequestException.invalid(
          "Expected each 'resources' part to have a file name (the resource name), but one had none");
    }
    return name;
  }

  private static byte[] content(MultipartFile resource) {
    try {
      return resource.getBytes();
    } catch (IOException e) {
      throw RestRequestException.invalid(
          "Expected to read resource '" + resource.getOriginalFilename() + "', but it could not be read: " + e.getMessage());
    }
  }

  private static DeploymentResult toResult(EngineApi.DeploymentInfo info, String requestedTenant) {
    String deploymentTenant = info.tenantId() == null || info.tenantId().isEmpty() ? requestedTenant : info.tenantId();
    List<DeploymentMetadataResult> deployments = new ArrayList<>();
    info.processes().forEach(process -> deployments.add(new DeploymentMetadataResult().processDefinition(
        new DeploymentProcessResult()
            .processDefinitionId(process.bpmnProcessId())
            .processDefinitionVersion(process.version())
            .processDefinitionKey(String.valueOf(process.processDefinitionKey()))
            .resourceName(process.resourceName())
            .tenantId(tenantOr(process.tenantId(), deploymentTenant)))));
    info.decisions().forEach(decision -> deployments.add(new DeploymentMetadataResult().decisionDefinition(
        new DeploymentDecisionResult()
            .decisionDefinitionId(decision.decisionId())
            .name(decision.decisionName())
            .version(decision.version())
            .decisionDefinitionKey(String.valueOf(decision.decisionKey()))
            .decisionRequirementsId(decision.decisionRequirementsId())
            .decisionRequirementsKey(String.valueOf(decision.decisionRequirementsKey()))
            .tenantId(tenantOr(decision.tenantId(), deploymentTenant)))));
    info.decisionRequirements().forEach(drg -> deployments.add(new DeploymentMetadataResult().decisionRequirements(
        new DeploymentDecisionRequirementsResult()
            .decisionRequirementsId(drg.decisionRequirementsId())
            .decisionRequirementsName(drg.decisionRequirementsName())
            .version(drg.version())
            .decisionRequirementsKey(String.valueOf(drg.decisionRequirementsKey()))
            .resourceName(drg.resourceName())
            .tenantId(tenantOr(drg.tenantId(), deploymentTenant)))));
    info.forms().forEach(form -> deployments.add(new DeploymentMetadataResult().form(
        new DeploymentFormResult()
            .formId(form.formId())
            .version(form.version())
            .formKey(String.valueOf(form.formKey()))
            .resourceName(form.resourceName())
            .tenantId(tenantOr(form.tenantId(), deploymentTenant)))));
    return new DeploymentResult()
        .deploymentKey(String.valueOf(info.deploymentKey()))
        .tenantId(deploymentTenant)
        .deployments(deployments);
  }

  private static String tenantOr(String tenantId, String fallback) {
    return tenantId == null || tenantId.isEmpty() ? fallback : tenantId;
  }
}
