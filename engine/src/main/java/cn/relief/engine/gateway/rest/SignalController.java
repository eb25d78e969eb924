package cn.relief.engine.gateway.rest;

import cn.relief.engine.api.EngineApi;
import io.camunda.client.protocol.rest.SignalBroadcastRequest;
import io.camunda.client.protocol.rest.SignalBroadcastResult;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v2/signals/broadcast} → 200 with the signal key and tenant. */
@RestController
public class SignalController {
  private final EngineApi api;

  public SignalController(EngineApi api) {
    this.api = api;
  }

  @PostMapping("/v2/signals/broadcast")
  public CompletableFuture<SignalBroadcastResult> broadcast(@RequestBody SignalBroadcastRequest request) {
    String name = RestRequests.requireText("signalName", request.getSignalName());
    String tenantId = RestRequests.tenant(request.getTenantId());
    return api.broadcastSignal(name, RestRequests.variables(request.getVariables()), tenantId)
        .thenApply(key -> new SignalBroadcastResult().signalKey(String.valueOf(key)).tenantId(tenantId));
  }
}
