package cn.relief.engine.gateway.rest;

import cn.relief.engine.identity.ApiSecurity;
import cn.relief.engine.identity.IdentityCommands;
import cn.relief.engine.record.RoleRecord;
import cn.relief.engine.state.IdentityState;
import io.camunda.client.protocol.rest.RoleCreateRequest;
import io.camunda.client.protocol.rest.RoleCreateResult;
import io.camunda.client.protocol.rest.RoleGroupResult;
import io.camunda.client.protocol.rest.RoleGroupSearchResult;
import io.camunda.client.protocol.rest.RoleResult;
import io.camunda.client.protocol.rest.RoleSearchQueryResult;
import io.camunda.client.protocol.rest.RoleUpdateRequest;
import io.camunda.client.protocol.rest.RoleUpdateResult;
import io.camunda.client.protocol.rest.RoleUserResult;
import io.camunda.client.protocol.rest.RoleUserSearchResult;
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

/** Roles and their members (users and groups), as Camunda 8.8's REST API has them. */
@RestController
public class RoleController {
  private static final IdentitySearch<RoleRecord> SEARCH = new IdentitySearch<>("roleId", Map.of(
      "roleId", RoleRecord::roleId, "name", RoleRecord::name, "description", RoleRecord::description));
  private static final IdentitySearch<String> USERS = IdentitySearch.ofIds("username");
  private static final IdentitySearch<String> GROUPS = IdentitySearch.ofIds("groupId");

  private final IdentityCommands identity;
  private final ApiSecurity security;

  public RoleController(IdentityCommands identity, ApiSecurity security) {
    this.identity = identity;
    this.security = security;
  }

  @PostMapping("/v2/roles")
  public CompletableFuture<ResponseEntity<RoleCreateResult>> create(@RequestBody RoleCreateRequest request) {
    return identity.createRole(RestRequests.requireText("roleId", request.getRoleId()),
            RestRequests.requireText("name", request.getName()), request.getDescription())
        .thenApply(role -> ResponseEntity.status(HttpStatus.CREATED).body(new RoleCreateResult()
            .roleId(role.roleId()).name(role.name()).description(role.description())));
  }

  @GetMapping("/v2/roles/{roleId}")
  public RoleResult get(@PathVariable("roleId") String roleId) {
    return result(existing(roleId));
  }

  /** Only the roles the caller may read (READ on ROLE for their id or for *). */
  @PostMapping("/v2/roles/search")
  public RoleSearchQueryResult search(@RequestBody(required = false) Map<String, Object> body) {
    IdentitySearch.Page<RoleRecord> page = SEARCH.search(IdentitySearch.readable(identity.state().roles(),
        RoleRecord::roleId, security.permittedIds("ROLE", "READ")), body);
    return new RoleSearchQueryResult().items(page.items().stream().map(RoleController::result).toList())
        .page(page.page());
  }

  @PutMapping("/v2/roles/{roleId}")
  public CompletableFuture<RoleUpdateResult> update(@PathVariable("roleId") String roleId,
      @RequestBody RoleUpdateRequest request) {
    return identity.updateRole(roleId, RestRequests.requireText("name", request.getName()), request.getDescription())
        .thenApply(role -> new RoleUpdateResult().roleId(role.roleId()).name(role.name())
            .description(role.description()));
  }

  /** Taken from its users and groups, with the authorizations it owns; the admin role cannot be deleted. */
  @DeleteMapping("/v2/roles/{roleId}")
  public CompletableFuture<ResponseEntity<Void>> delete(@PathVariable("roleId") String roleId) {
    return AsyncResponses.noContent(identity.deleteRole(roleId));
  }

  @PutMapping("/v2/roles/{roleId}/users/{username}")
  public CompletableFuture<ResponseEntity<Void>> assignUser(@PathVariable("roleId") String roleId,
      @PathVariable("username") String username) {
    return AsyncResponses.noContent(identity.assignRole(roleId, IdentityState.USER, username));
  }

  @DeleteMapping("/v2/roles/{roleId}/users/{username}")
  public CompletableFuture<ResponseEntity<Void>> unassignUser(@PathVariable("roleId") String roleId,
      @PathVariable("username") String username) {
    return AsyncResponses.noContent(identity.unassignRole(roleId, IdentityState.USER, username));
  }

  @PutMapping("/v2/roles/{roleId}/groups/{groupId}")
  public CompletableFuture<ResponseEntity<Void>> assignGroup(@PathVariable("roleId") String roleId,
      @PathVariable("groupId") String groupId) {
    return AsyncResponses.noContent(identity.assignRole(roleId, IdentityState.GROUP, groupId));
  }

  @DeleteMapping("/v2/roles/{roleId}/groups/{groupId}")
  public CompletableFuture<ResponseEntity<Void>> unassignGroup(@PathVariable("roleId") String roleId,
      @PathVariable("groupId") String groupId) {
    return AsyncResponses.noContent(identity.unassignRole(roleId, IdentityState.GROUP, groupId));
  }

  @PostMapping("/v2/roles/{roleId}/users/search")
  public RoleUserSearchResult users(@PathVariable("roleId") String roleId,
      @RequestBody(required = false) Map<String, Object> body) {
    existing(roleId);
    IdentitySearch.Page<String> page = USERS.search(identity.state().usersOfRole(roleId), body);
    return new RoleUserSearchResult().items(page.items().stream().map(u -> new RoleUserResult().username(u)).toList())
        .page(page.page());
  }

  @PostMapping("/v2/roles/{roleId}/groups/search")
  public RoleGroupSearchResult groups(@PathVariable("roleId") String roleId,
      @RequestBody(required = false) Map<String, Object> body) {
    existing(roleId);
    IdentitySearch.Page<String> page = GROUPS.search(identity.state().groupsOfRole(roleId), body);
    return new RoleGroupSearchResult().items(page.items().stream().map(g -> new RoleGroupResult().groupId(g)).toList())
        .page(page.page());
  }

  private RoleRecord existing(String roleId) {
    RoleRecord role = identity.state().role(roleId);
    if (role == null) {
      throw RestRequestException.notFound("Expected to find role with ID '" + roleId + "', but none exists");
    }
    return role;
  }

  private static RoleResult result(RoleRecord role) {
    return new RoleResult().roleId(role.roleId()).name(role.name()).description(role.description());
  }
}
