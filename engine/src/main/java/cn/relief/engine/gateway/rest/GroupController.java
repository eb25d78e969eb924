package cn.relief.engine.gateway.rest;

import cn.relief.engine.identity.ApiSecurity;
import cn.relief.engine.identity.IdentityCommands;
import cn.relief.engine.record.GroupRecord;
import io.camunda.client.protocol.rest.GroupCreateRequest;
import io.camunda.client.protocol.rest.GroupCreateResult;
import io.camunda.client.protocol.rest.GroupResult;
import io.camunda.client.protocol.rest.GroupSearchQueryResult;
import io.camunda.client.protocol.rest.GroupUpdateRequest;
import io.camunda.client.protocol.rest.GroupUpdateResult;
import io.camunda.client.protocol.rest.GroupUserResult;
import io.camunda.client.protocol.rest.GroupUserSearchResult;
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

/** Groups and their member users, as Camunda 8.8's REST API has them. */
@RestController
public class GroupController {
  private static final IdentitySearch<GroupRecord> SEARCH = new IdentitySearch<>("groupId", Map.of(
      "groupId", GroupRecord::groupId, "name", GroupRecord::name, "description", GroupRecord::description));
  private static final IdentitySearch<String> MEMBERS = IdentitySearch.ofIds("username");

  private final IdentityCommands identity;
  private final ApiSecurity security;

  public GroupController(IdentityCommands identity, ApiSecurity security) {
    this.identity = identity;
    this.security = security;
  }

  @PostMapping("/v2/groups")
  public CompletableFuture<ResponseEntity<GroupCreateResult>> create(@RequestBody GroupCreateRequest request) {
    return identity.createGroup(RestRequests.requireText("groupId", request.getGroupId()),
            RestRequests.requireText("name", request.getName()), request.getDescription())
        .thenApply(group -> ResponseEntity.status(HttpStatus.CREATED).body(new GroupCreateResult()
            .groupId(group.groupId()).name(group.name()).description(group.description())));
  }

  @GetMapping("/v2/groups/{groupId}")
  public GroupResult get(@PathVariable("groupId") String groupId) {
    return result(existing(groupId));
  }

  /** Only the groups the caller may read (READ on GROUP for their id or for *). */
  @PostMapping("/v2/groups/search")
  public GroupSearchQueryResult search(@RequestBody(required = false) Map<String, Object> body) {
    IdentitySearch.Page<GroupRecord> page = SEARCH.search(IdentitySearch.readable(identity.state().groups(),
        GroupRecord::groupId, security.permittedIds("GROUP", "READ")), body);
    return new GroupSearchQueryResult().items(page.items().stream().map(GroupController::result).toList())
        .page(page.page());
  }

  @PutMapping("/v2/groups/{groupId}")
  public CompletableFuture<GroupUpdateResult> update(@PathVariable("groupId") String groupId,
      @RequestBody GroupUpdateRequest request) {
    return identity.updateGroup(groupId, RestRequests.requireText("name", request.getName()), request.getDescription())
        .thenApply(group -> new GroupUpdateResult().groupId(group.groupId()).name(group.name())
            .description(group.description()));
  }

  /** Its users leave it, it loses its roles, and the authorizations it owns are deleted with it. */
  @DeleteMapping("/v2/groups/{groupId}")
  public CompletableFuture<ResponseEntity<Void>> delete(@PathVariable("groupId") String groupId) {
    return AsyncResponses.noContent(identity.deleteGroup(groupId));
  }

  @PutMapping("/v2/groups/{groupId}/users/{username}")
  public CompletableFuture<ResponseEntity<Void>> assignUser(@PathVariable("groupId") String groupId,
      @PathVariable("username") String username) {
    return AsyncResponses.noContent(identity.assignUserToGroup(groupId, username));
  }

  @DeleteMapping("/v2/groups/{groupId}/users/{username}")
  public CompletableFuture<ResponseEntity<Void>> unassignUser(@PathVariable("groupId") String groupId,
      @PathVariable("username") String username) {
    return AsyncResponses.noContent(identity.unassignUserFromGroup(groupId, username));
  }

  @PostMapping("/v2/groups/{groupId}/users/search")
  public GroupUserSearchResult users(@PathVariable("groupId") String groupId,
      @RequestBody(required = false) Map<String, Object> body) {
    existing(groupId);
    IdentitySearch.Page<String> page = MEMBERS.search(identity.state().usersOfGroup(groupId), body);
    return new GroupUserSearchResult().items(page.items().stream().map(u -> new GroupUserResult().username(u)).toList())
        .page(page.page());
  }

  private GroupRecord existing(String groupId) {
    GroupRecord group = identity.state().group(groupId);
    if (group == null) {
      throw RestRequestException.notFound("Expected to find group with ID '" + groupId + "', but none exists");
    }
    return group;
  }

  private static GroupResult result(GroupRecord group) {
    return new GroupResult().groupId(group.groupId()).name(group.name()).description(group.description());
  }
}
