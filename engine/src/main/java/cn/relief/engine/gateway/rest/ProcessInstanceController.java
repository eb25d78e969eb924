package cn.relief.engine.gateway.rest;

import io.camunda.client.protocol.rest.ProcessInstanceMigrationInstruction;
import io.camunda.client.protocol.rest.ProcessInstanceModificationInstruction;
import cn.relief.engine.api.EngineApi;
import io.camunda.client.protocol.rest.CancelProcessInstanceRequest;
import io.camunda.client.protocol.rest.CreateProcessInstanceResult;
import io.camunda.client.protocol.rest.ProcessInstanceCreationInstruction;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * {@code POST /v2/process-instances} (optionally awaiting completion) and {@code POST
 * /v2/process-instances/{key}/cancellation}.
 */
@RestController
public class ProcessInstanceController {
  /**
   * Await-completion timeout when the request names none (or 0), as in the gRPC gateway. The Java
   * client always sends its own (its default request timeout, 10 s).
   */
  static final Duration DEFAULT_AWAIT_TIMEOUT = Duration.ofSeconds(15);

  private final EngineApi api;

  public ProcessInstanceController(EngineApi api) {
    this.api = api;
  }

  @PostMapping("/v2/process-instances")
  public DeferredResult<CreateProcessInstanceResult> create(@RequestBody ProcessInstanceCreationInstruction request) {
    EngineApi.CreateProcessInstance command = toCommand(request);
    if (!Boolean.TRUE.equals(request.getAwaitCompletion())) {
      // Same deadline as an ordinary command; the engine answers as soon as the creation is committed.
      return AsyncResponses.deferred(
          api.createProcessInstance(command), DEFAULT_AWAIT_TIMEOUT, info -> toResult(info, null));
    }
    long timeoutMillis = RestRequests.nonNegativeMillis("requestTimeout", request.getRequestTimeout(), 0);
    Duration timeout = timeoutMillis == 0 ? DEFAULT_AWAIT_TIMEOUT : Duration.ofMillis(timeoutMillis);
    CompletableFuture<EngineApi.ProcessInstanceResult> pending = api.createProcessInstanceWithResult(
        command, RestRequests.names("fetchVariables", request.getFetchVariables()), timeout);
    // When nobody waits for the result any more, cancelling tells the engine it may drop its waiter
    // early. The instance itself keeps running, as after a timeout.
    return AsyncResponses.deferred(pending, timeout,
        done -> toResult(done.instance(), done.variables() == null ? Map.of() : done.variables()), null, true);
  }

  @PostMapping("/v2/process-instances/{processInstanceKey}/cancellation")
  public CompletableFuture<ResponseEntity<Void>> cancel(
      @PathVariable("processInstanceKey") String processInstanceKey,
      // Carries only an operation reference, which this engine does not track.
      @RequestBody(required = false) CancelProcessInstanceRequest request) {
    long key = RestRequests.key("processInstanceKey", processInstanceKey);
    return AsyncResponses.noContent(api.cancelProcessInstance(key));
  }

  @PostMapping("/v2/process-instances/{processInstanceKey}/migration")
  public CompletableFuture<ResponseEntity<Void>> migrate(
      @PathVariable("processInstanceKey") String processInstanceKey,
      @RequestBody ProcessInstanceMigrationInstruction request) {
    long key = RestRequests.key("processInstanceKey", processInstanceKey);
    long target = RestRequests.key("targetProcessDefinitionKey",
        RestRequests.requireText("targetProcessDefinitionKey", request.getTargetProcessDefinitionKey()));
    List<EngineApi.MappingInstruction> mappings = RestRequests.items("mappingInstructions",
            request.getMappingInstructions()).stream()
        .map(m -> new EngineApi.MappingInstruction(m.getSourceElementId(), m.getTargetElementId())).toList();
    return AsyncResponses.noContent(api.migrateProcessInstance(key, new EngineApi.MigrationPlan(target, mappings)));
  }

  @PostMapping("/v2/process-instances/{processInstanceKey}/modification")
  public CompletableFuture<ResponseEntity<Void>> modify(
      @PathVariable("processInstanceKey") String processInstanceKey,
      @RequestBody ProcessInstanceModificationInstruction request) {
    long key = RestRequests.key("processInstanceKey", processInstanceKey);
    List<EngineApi.ActivateElement> activations = RestRequests.items("activateInstructions",
            request.getActivateInstructions()).stream()
        .map(a -> new EngineApi.ActivateElement(RestRequests.requireText("elementId", a.getElementId()),
            ancestorKey(a.getAncestorElementInstanceKey()),
            RestRequests.items("variableInstructions", a.getVariableInstructions()).stream()
                .map(v -> new EngineApi.ScopedVariables(v.getVariables() == null ? Map.of() : v.getVariables(),
                    v.getScopeId() == null ? "" : v.getScopeId()))
                .toList()))
        .toList();
    List<Long> terminations = RestRequests.items("terminateInstructions", request.getTerminateInstructions()).stream()
        .map(t -> RestRequests.key("elementInstanceKey", t.getElementInstanceKey())).toList();
    return AsyncResponses.noContent(api.modifyProcessInstance(key, new EngineApi.Modification(activations, terminations)));
  }

  /** No ancestor chosen: absent, blank or -1 (what the client sends by default). */
  private static long ancestorKey(String value) {
    if (value == null || value.isBlank() || value.trim().equals("-1")) {
      return -1;
    }
    return RestRequests.key("ancestorElementInstanceKey", value);
  }

  private static EngineApi.CreateProcessInstance toCommand(ProcessInstanceCreationInstruction request) {
    // Start and runtime instructions change where the instance starts or ends; ignoring them would
    // run a different process than the one asked for. Tags are metadata only and are dropped.
    if (!isEmpty(request.getStartInstructions()) || !isEmpty(request.getRuntimeInstructions())) {
      throw RestRequestException.unsupported("Expected to create a process instance without startInstructions"
          + " or runtimeInstructions, but some were given; they are not supported yet");
    }
    boolean byKey = request.getProcessDefinitionKey() != null;
    boolean byId = request.getProcessDefinitionId() != null;
    if (byKey == byId) {
      throw RestRequestException.invalid("Expected either processDefinitionId or processDefinitionKey, but "
          + (byKey ? "both were given" : "neither was given"));
    }
    Map<String, Object> variables = RestRequests.variables(request.getVariables());
    String tenantId = RestRequests.tenant(request.getTenantId());
    if (byKey) {
      long key = RestRequests.key("processDefinitionKey", request.getProcessDefinitionKey());
      // Empty id and 0 key are what the gRPC protocol sends for "not given"; the engine expects the same.
      return new EngineApi.CreateProcessInstance("", -1, key, variables, tenantId);
    }
    String processId = RestRequests.requireText("processDefinitionId", request.getProcessDefinitionId());
    Integer version = request.getProcessDefinitionVersion();
    return new EngineApi.CreateProcessInstance(
        processId, version == null ? -1 : version, 0, variables, tenantId);
  }

  private static CreateProcessInstanceResult toResult(
      EngineApi.ProcessInstanceInfo instance, Map<String, Object> variables) {
    return new CreateProcessInstanceResult()
        .processInstanceKey(String.valueOf(instance.processInstanceKey()))
        .processDefinitionKey(String.valueOf(instance.processDefinitionKey()))
        .processDefinitionId(instance.bpmnProcessId())
        .processDefinitionVersion(instance.version())
        .tenantId(RestRequests.tenant(instance.tenantId()))
        .tags(new LinkedHashSet<>())
        // Only an awaited creation has variables; the client reads them from this map.
        .variables(variables);
  }

  private static boolean isEmpty(List<?> list) {
    return list == null || list.isEmpty();
  }
}
