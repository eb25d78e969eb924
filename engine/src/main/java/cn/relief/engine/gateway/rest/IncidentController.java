package cn.relief.engine.gateway.rest;

import cn.relief.engine.api.EngineApi;
import io.camunda.client.protocol.rest.IncidentResolutionRequest;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v2/incidents/{incidentKey}/resolution} → 204. */
@RestController
public class IncidentController {
  private final EngineApi api;

  public IncidentController(EngineApi api) {
    this.api = api;
  }

  @PostMapping("/v2/incidents/{incidentKey}/resolution")
  public CompletableFuture<ResponseEntity<Void>> resolve(
      @PathVariable("incidentKey") String incidentKey,
      // Carries only an operation reference, which this engine does not track.
      @RequestBody(required = false) IncidentResolutionRequest request) {
    return AsyncResponses.noContent(api.resolveIncident(RestRequests.key("incidentKey", incidentKey)));
  }
}
