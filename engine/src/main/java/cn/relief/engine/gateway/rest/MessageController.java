package cn.relief.engine.gateway.rest;

import cn.relief.engine.api.EngineApi;
import io.camunda.client.protocol.rest.MessageCorrelationRequest;
import io.camunda.client.protocol.rest.MessageCorrelationResult;
import io.camunda.client.protocol.rest.MessagePublicationRequest;
import io.camunda.client.protocol.rest.MessagePublicationResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v2/messages/publication} → 200 with the message key and tenant;
 * {@code POST /v2/messages/correlation} → 200 with the message key and the process instance it
 * reached, or 404 if nothing waits for the message.
 */
@RestController
public class MessageController {
  private final EngineApi api;

  public MessageController(EngineApi api) {
    this.api = api;
  }

  @PostMapping("/v2/messages/publication")
  public CompletableFuture<MessagePublicationResult> publish(@RequestBody MessagePublicationRequest request) {
    String name = RestRequests.requireText("name", request.getName());
    // REST v2 defaults: empty correlation key (correlates with message start events only), TTL 0.
    String correlationKey = request.getCorrelationKey() == null ? "" : request.getCorrelationKey();
    long timeToLive = RestRequests.nonNegativeMillis("timeToLive", request.getTimeToLive(), 0);
    String tenantId = RestRequests.tenant(request.getTenantId());
    // Like the gRPC gateway: an empty ID means the message has none and must not collide with
    // other messages without ID.
    String messageId = request.getMessageId() == null || request.getMessageId().isEmpty() ? null : request.getMessageId();
    return api.publishMessage(new EngineApi.PublishMessage(
            name, correlationKey, Duration.ofMillis(timeToLive), messageId,
            RestRequests.variables(request.getVariables()), tenantId))
        .thenApply(key -> new MessagePublicationResult().messageKey(String.valueOf(key)).tenantId(tenantId));
  }

  @PostMapping("/v2/messages/correlation")
  public CompletableFuture<MessageCorrelationResult> correlate(@RequestBody MessageCorrelationRequest request) {
    String name = RestRequests.requireText("name", request.getName());
    String correlationKey = request.getCorrelationKey() == null ? "" : request.getCorrelationKey();
    String tenantId = RestRequests.tenant(request.getTenantId());
    return api.correlateMessage(new EngineApi.CorrelateMessage(
            name, correlationKey, RestRequests.variables(request.getVariables()), tenantId))
        .thenApply(info -> new MessageCorrelationResult()
            .messageKey(String.valueOf(info.messageKey()))
            .processInstanceKey(String.valueOf(info.processInstanceKey()))
            .tenantId(info.tenantId()));
  }
}
