package cn.relief.engine.gateway.rest;

import cn.relief.engine.api.EngineApi;
import io.camunda.client.protocol.rest.ClockPinRequest;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /v2/clock} pins the engine clock, {@code POST /v2/clock/reset} releases it (204 each),
 * so that tests drive timers without waiting. Refused unless the clock is controllable.
 */
@RestController
public class ClockController {
  private final EngineApi api;

  public ClockController(EngineApi api) {
    this.api = api;
  }

  @PutMapping("/v2/clock")
  public CompletableFuture<ResponseEntity<Void>> pin(@RequestBody ClockPinRequest request) {
    long timestamp = RestRequests.requirePresent("timestamp", request.getTimestamp());
    return api.pinClock(timestamp).thenApply(ignored -> ResponseEntity.noContent().build());
  }

  @PostMapping("/v2/clock/reset")
  public CompletableFuture<ResponseEntity<Void>> reset() {
    return api.resetClock().thenApply(ignored -> ResponseEntity.noContent().build());
  }
}
