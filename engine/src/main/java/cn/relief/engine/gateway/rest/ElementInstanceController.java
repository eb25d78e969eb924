package cn.relief.engine.gateway.rest;

import cn.relief.engine.api.EngineApi;
import io.camunda.client.protocol.rest.SetVariableRequest;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /v2/element-instances/{elementInstanceKey}/variables} → 204. REST v2 does not return
 * the variable document key that gRPC's SetVariables does.
 */
@RestController
public class ElementInstanceController {
  private final EngineApi api;

  public ElementInstanceController(EngineApi api) {
    this.api = api;
  }

  @PutMapping("/v2/element-instances/{elementInstanceKey}/variables")
  public CompletableFuture<ResponseEntity<Void>> setVariables(
      @PathVariable("elementInstanceKey") String elementInstanceKey, @RequestBody SetVariableRequest request) {
    long key = RestRequests.key("elementInstanceKey", elementInstanceKey);
    // An absent "variables" field arrives as the model's default empty map; only an explicit null is refused.
    RestRequests.requirePresent("variables", request.getVariables());
    boolean local = Boolean.TRUE.equals(request.getLocal());
    return AsyncResponses.noContent(api.setVariables(key, request.getVariables(), local));
  }
}
