package cn.relief.app.security;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.Group;
import io.camunda.client.api.search.response.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a user's roles and organisation from the engine's identity, through the application's
 * own (administrative) Camunda client: a user may not be allowed to read the identity itself.
 */
public class EngineUserDirectory {
  public static final String ORGANISATION_PREFIX = "org-";

  private final CamundaClient adminClient;

  public EngineUserDirectory(CamundaClient adminClient) {
    this.adminClient = adminClient;
  }

  public EngineUser lookUp(String username) {
    String name = adminClient.newUserGetRequest(username).send().join().getName();
    List<String> roleIds = new ArrayList<>();
    for (ReliefRole role : ReliefRole.values()) {
      // a page as large as the other lookups here: the engine's default page (100) would drop members
      if (adminClient.newUsersByRoleSearchRequest(role.roleId()).page(p -> p.limit(1000)).send().join().items().stream()
          .anyMatch(member -> username.equals(member.getUsername()))) {
        roleIds.add(role.roleId());
      }
    }
    Group organisation = null;
    for (Group group : adminClient.newGroupsSearchRequest().page(p -> p.limit(1000)).send().join().items()) {
      if (group.getGroupId().startsWith(ORGANISATION_PREFIX)
          && adminClient.newUsersByGroupSearchRequest(group.getGroupId()).page(p -> p.limit(1000)).send().join()
              .items().stream()
              .anyMatch(member -> username.equals(member.getUsername()))) {
        organisation = group;
        break;
      }
    }
    return new EngineUser(username, name, ReliefRole.ofRoleIds(roleIds),
        organisation == null ? null : organisation.getGroupId(), organisation == null ? null : organisation.getName());
  }

  /** The organisations (groups {@code org-...}) by id, with their names, in id order. */
  public Map<String, String> organisations() {
    Map<String, String> organisations = new java.util.TreeMap<>();
    for (Group group : adminClient.newGroupsSearchRequest().page(p -> p.limit(1000)).send().join().items()) {
      if (group.getGroupId().startsWith(ORGANISATION_PREFIX)) {
        organisations.put(group.getGroupId(), group.getName());
      }
    }
    return organisations;
  }

  /**
   * Every user with roles and organisation, asking once per role and organisation rather than per
   * user (the user administration page lists them all).
   */
  public List<EngineUser> all() {
    Map<String, List<String>> roleIds = new HashMap<>();
    for (ReliefRole role : ReliefRole.values()) {
      for (var member : adminClient.newUsersByRoleSearchRequest(role.roleId()).page(p -> p.limit(1000)).send().join()
          .items()) {
        roleIds.computeIfAbsent(member.getUsername(), u -> new ArrayList<>()).add(role.roleId());
      }
    }
    Map<String, String> organisationOf = new HashMap<>();
    Map<String, String> organisations = organisations();
    for (String groupId : organisations.keySet()) {
      for (var member : adminClient.newUsersByGroupSearchRequest(groupId).page(p -> p.limit(1000)).send().join()
          .items()) {
        organisationOf.putIfAbsent(member.getUsername(), groupId);
      }
    }
    Map<String, EngineUser> users = new LinkedHashMap<>();
    for (User user : adminClient.newUsersSearchRequest().page(p -> p.limit(1000)).send().join().items()) {
      String organisation = organisationOf.get(user.getUsername());
      users.put(user.getUsername(), new EngineUser(user.getUsername(), user.getName(),
          ReliefRole.ofRoleIds(roleIds.getOrDefault(user.getUsername(), List.of())), organisation,
          organisation == null ? null : organisations.get(organisation)));
    }
    return List.copyOf(users.values());
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
