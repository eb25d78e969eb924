package cn.relief.engine.gateway.rest;

import cn.relief.engine.identity.IdentityCommands;
import cn.relief.engine.record.AuthorizationRecord;
import io.camunda.client.protocol.rest.AuthorizationCreateResult;
import io.camunda.client.protocol.rest.AuthorizationRequest;
import io.camunda.client.protocol.rest.AuthorizationResult;
import io.camunda.client.protocol.rest.AuthorizationSearchResult;
import io.camunda.client.protocol.rest.OwnerTypeEnum;
import io.camunda.client.protocol.rest.PermissionTypeEnum;
import io.camunda.client.protocol.rest.ResourceTypeEnum;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Authorizations as Camunda 8.8's REST API has them; keys are strings on the wire. */
@RestController
public class AuthorizationController {
  private static final IdentitySearch<Map.Entry<Long, AuthorizationRecord>> SEARCH =
      new IdentitySearch<>("authorizationKey", Map.of(
          "authorizationKey", Map.Entry::getKey,
          "ownerType", entry -> entry.getValue().ownerType(),
          "ownerId", entry -> entry.getValue().ownerId(),
          "resourceType", entry -> entry.getValue().resourceType(),
          "resourceIds", entry -> entry.getValue().resourceId()));

  private final IdentityCommands identity;

  public AuthorizationController(IdentityCommands identity) {
    this.identity = identity;
  }

  @PostMapping("/v2/authorizations")
  public CompletableFuture<ResponseEntity<AuthorizationCreateResult>> create(
      @RequestBody AuthorizationRequest request) {
    return identity.createAuthorization(authorization(request)).thenApply(key -> ResponseEntity.status(HttpStatus.CREATED)
        .body(new AuthorizationCreateResult().authorizationKey(String.valueOf(key))));
  }

  /** Replaces owner, resource and permissions; the key stays. */
  @PutMapping("/v2/authorizations/{authorizationKey}")
  public CompletableFuture<ResponseEntity<Void>> update(@PathVariable("authorizationKey") String authorizationKey,
      @RequestBody AuthorizationRequest request) {
    return AsyncResponses.noContent(identity.updateAuthorization(
        RestRequests.key("authorizationKey", authorizationKey), authorization(request)));
  }

  private static AuthorizationRecord authorization(AuthorizationRequest request) {
    List<String> permissions = new java.util.ArrayList<>();
    for (PermissionTypeEnum permission : request.getPermissionTypes() == null
        ? List.<PermissionTypeEnum>of() : request.getPermissionTypes()) {
      // a JSON null in the list was a NullPointerException and a 500
      // (found by RequestShapesIT)
      permissions.add(RestRequests.requirePresent("permissionTypes[" + permissions.size() + "]", permission)
          .getValue());
    }
    return new AuthorizationRecord(
        RestRequests.requirePresent("ownerType", request.getOwnerType()).getValue(),
        RestRequests.requireText("ownerId", request.getOwnerId()),
        RestRequests.requirePresent("resourceType", request.getResourceType()).getValue(),
        RestRequests.requireText("resourceId", request.getResourceId()), permissions);
  }

  @DeleteMapping("/v2/authorizations/{authorizationKey}")
  public CompletableFuture<ResponseEntity<Void>> delete(@PathVariable("authorizationKey") String authorizationKey) {
    return AsyncResponses.noContent(
        identity.deleteAuthorization(RestRequests.key("authorizationKey", authorizationKey)));
  }

  @GetMapping("/v2/authorizations/{authorizationKey}")
  public AuthorizationResult get(@PathVariable("authorizationKey") String authorizationKey) {
    long key = RestRequests.key("authorizationKey", authorizationKey);
    AuthorizationRecord authorization = identity.state().authorization(key);
    if (authorization == null) {
      throw RestRequestException.notFound(
          "Expected to find authorization with key '" + authorizationKey + "', but none exists");
    }
    return result(Map.entry(key, authorization));
  }

  @PostMapping("/v2/authorizations/search")
  public AuthorizationSearchResult search(@RequestBody(required = false) Map<String, Object> body) {
    IdentitySearch.Page<Map.Entry<Long, AuthorizationRecord>> page =
        SEARCH.search(identity.state().authorizations().entrySet(), body);
    return new AuthorizationSearchResult()
        .items(page.items().stream().map(AuthorizationController::result).toList()).page(page.page());
  }

  private static AuthorizationResult result(Map.Entry<Long, AuthorizationRecord> entry) {
    AuthorizationRecord authorization = entry.getValue();
    return new AuthorizationResult()
        .authorizationKey(String.valueOf(entry.getKey()))
        .ownerType(OwnerTypeEnum.fromValue(authorization.ownerType()))
        .ownerId(authorization.ownerId())
        .resourceType(ResourceTypeEnum.fromValue(authorization.resourceType()))
        .resourceId(authorization.resourceId())
        .permissionTypes(authorization.permissionTypes().stream().map(PermissionTypeEnum::fromValue).toList());
  }
}
