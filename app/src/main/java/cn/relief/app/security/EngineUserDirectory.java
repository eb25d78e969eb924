package cn.relief.app.security;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.Group;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a user's roles and organisation from the engine's identity, through the application's
 * own (administrative) Camunda client: a user may not be allowed to read the identity itself.
 */
public class EngineUserDirectory {
  static final String ORGANISATION_PREFIX = "org-";

  private final CamundaClient adminClient;

  public EngineUserDirectory(CamundaClient adminClient) {
    this.adminClient = adminClient;
  }

  public EngineUser lookUp(String username) {
    String name = adminClient.newUserGetRequest(username).send().join().getName();
    List<String> roleIds = new ArrayList<>();
    for (ReliefRole role : ReliefRole.values()) {
      if (adminClient.newUsersByRoleSearchRequest(role.roleId()).send().join().items().stream()
          .anyMatch(member -> username.equals(member.getUsername()))) {
        roleIds.add(role.roleId());
      }
    }
    Group organisation = null;
    for (Group group : adminClient.newGroupsSearchRequest().send().join().items()) {
      if (group.getGroupId().startsWith(ORGANISATION_PREFIX)
          && adminClient.newUsersByGroupSearchRequest(group.getGroupId()).send().join().items().stream()
              .anyMatch(member -> username.equals(member.getUsername()))) {
        organisation = group;
        break;
      }
    }
    return new EngineUser(username, name, ReliefRole.ofRoleIds(roleIds),
        organisation == null ? null : organisation.getGroupId(), organisation == null ? null : organisation.getName());
  }

  /**
   * The ids of the engine groups the user belongs to (organisation and candidate groups such as
   * {@code caseworker}): whose tasks the user may take.
   */
  public List<String> groupIds(String username) {
    List<String> groups = new ArrayList<>();
    for (Group group : adminClient.newGroupsSearchRequest().page(p -> p.limit(1000)).send().join().items()) {
      if (adminClient.newUsersByGroupSearchRequest(group.getGroupId()).page(p -> p.limit(1000)).send().join().items()
          .stream().anyMatch(member -> username.equals(member.getUsername()))) {
        groups.add(group.getGroupId());
      }
    }
    return groups;
  }
}
