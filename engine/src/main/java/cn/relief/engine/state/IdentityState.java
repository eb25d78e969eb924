package cn.relief.engine.state;

import cn.relief.engine.record.AuthorizationRecord;
import cn.relief.engine.record.GroupRecord;
import cn.relief.engine.record.RoleRecord;
import cn.relief.engine.record.UserRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users, groups, roles and authorizations, as Camunda 8.8 keeps them in the cluster. Unlike the
 * rest of the state it is also read by the gateways' threads (every call is authenticated and
 * authorized against it), so its maps are concurrent; only the appliers change it.
 */
public final class IdentityState {
  /** Members of a role: users and groups, kept apart as 8.8's searches list them apart. */
  public static final String USER = "USER";
  public static final String GROUP = "GROUP";

  private final Map<String, UserRecord> users = new ConcurrentHashMap<>();
  private final Map<String, GroupRecord> groups = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> groupUsers = new ConcurrentHashMap<>();
  private final Map<String, RoleRecord> roles = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> roleUsers = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> roleGroups = new ConcurrentHashMap<>();
  private final Map<Long, AuthorizationRecord> authorizations = new ConcurrentHashMap<>();

  public UserRecord user(String username) {
    return users.get(username);
  }

  public Collection<UserRecord> users() {
    return users.values();
  }

  public GroupRecord group(String groupId) {
    return groups.get(groupId);
  }

  public Collection<GroupRecord> groups() {
    return groups.values();
  }

  public RoleRecord role(String roleId) {
    return roles.get(roleId);
  }

  public Collection<RoleRecord> roles() {
    return roles.values();
  }

  public AuthorizationRecord authorization(long key) {
    return authorizations.get(key);
  }

  public Map<Long, AuthorizationRecord> authorizations() {
    return authorizations;
  }

  public Set<String> usersOfGroup(String groupId) {
    return Set.copyOf(groupUsers.getOrDefault(groupId, Set.of()));
  }

  public Set<String> usersOfRole(String roleId) {
    return Set.copyOf(roleUsers.getOrDefault(roleId, Set.of()));
  }

  public Set<String> groupsOfRole(String roleId) {
    return Set.copyOf(roleGroups.getOrDefault(roleId, Set.of()));
  }

  /** The groups a user is a member of. */
  public Set<String> groupsOf(String username) {
    Set<String> result = new LinkedHashSet<>();
    groupUsers.forEach((groupId, members) -> {
      if (members.contains(username)) {
        result.add(groupId);
      }
    });
    return result;
  }

  /** The roles a user holds, directly or through one of its groups. */
  public Set<String> rolesOf(String username) {
    Set<String> groupsOfUser = groupsOf(username);
    Set<String> result = new LinkedHashSet<>();
    roleUsers.forEach((roleId, members) -> {
      if (members.contains(username)) {
        result.add(roleId);
      }
    });
    roleGroups.forEach((roleId, members) -> {
      if (members.stream().anyMatch(groupsOfUser::contains)) {
        result.add(roleId);
      }
    });
    return result;
  }

  /** The roles a user or group holds itself (not through a group), by entity type USER or GROUP. */
  public Set<String> directRolesOf(String entityType, String entityId) {
    Map<String, Set<String>> byRole = GROUP.equals(entityType) ? roleGroups : roleUsers;
    Set<String> result = new TreeSet<>();
    byRole.forEach((roleId, members) -> {
      if (members.contains(entityId)) {
        result.add(roleId);
      }
    });
    return result;
  }

  /** The keys of the authorizations an owner holds, in key order. */
  public List<Long> authorizationsOwnedBy(String ownerType, String ownerId) {
    return authorizations.entrySet().stream()
        .filter(entry -> entry.getValue().ownerType().equals(ownerType) && entry.getValue().ownerId().equals(ownerId))
        .map(Map.Entry::getKey).sorted().toList();
  }

  // ---- changed by the appliers -----------------------------------------------------------------

  void putUser(UserRecord user) {
    users.put(user.username(), user);
  }

  void deleteUser(String username) {
    users.remove(username);
    groupUsers.values().forEach(members -> members.remove(username));
    roleUsers.values().forEach(members -> members.remove(username));
  }

  void putGroup(GroupRecord group) {
    groups.put(group.groupId(), group);
  }

  void deleteGroup(String groupId) {
    groups.remove(groupId);
    groupUsers.remove(groupId);
    roleGroups.values().forEach(members -> members.remove(groupId));
  }

  void addToGroup(String groupId, String username) {
    groupUsers.computeIfAbsent(groupId, id -> ConcurrentHashMap.newKeySet()).add(username);
  }

  void removeFromGroup(String groupId, String username) {
    groupUsers.getOrDefault(groupId, Set.of()).remove(username);
  }

  void putRole(RoleRecord role) {
    roles.put(role.roleId(), role);
  }

  void deleteRole(String roleId) {
    roles.remove(roleId);
    roleUsers.remove(roleId);
    roleGroups.remove(roleId);
  }

  void addToRole(String roleId, String entityType, String entityId) {
    members(roleId, entityType).add(entityId);
  }

  void removeFromRole(String roleId, String entityType, String entityId) {
    members(roleId, entityType).remove(entityId);
  }

  private Set<String> members(String roleId, String entityType) {
    Map<String, Set<String>> byRole = GROUP.equals(entityType) ? roleGroups : roleUsers;
    return byRole.computeIfAbsent(roleId, id -> ConcurrentHashMap.newKeySet());
  }

  void putAuthorization(long key, AuthorizationRecord authorization) {
    authorizations.put(key, authorization);
  }

  void deleteAuthorization(long key) {
    authorizations.remove(key);
  }

  // ---- snapshots -------------------------------------------------------------------------------

  /** The identity part of a state snapshot, sorted so that equal states give equal documents. */
  record Snapshot(List<UserRecord> users, List<GroupRecord> groups, Map<String, List<String>> groupUsers,
      List<RoleRecord> roles, Map<String, List<String>> roleUsers, Map<String, List<String>> roleGroups,
      Map<Long, AuthorizationRecord> authorizations) {}

  Snapshot snapshot() {
    List<UserRecord> sortedUsers = new ArrayList<>(new TreeMap<>(users).values());
    List<GroupRecord> sortedGroups = new ArrayList<>(new TreeMap<>(groups).values());
    List<RoleRecord> sortedRoles = new ArrayList<>(new TreeMap<>(roles).values());
    return new Snapshot(sortedUsers, sortedGroups, sortedMembers(groupUsers), sortedRoles, sortedMembers(roleUsers),
        sortedMembers(roleGroups), new TreeMap<>(authorizations));
  }

  private static Map<String, List<String>> sortedMembers(Map<String, Set<String>> members) {
    Map<String, List<String>> sorted = new TreeMap<>();
    // an empty set (all members left) is no different from none, and restoring creates none for it
    members.forEach((id, set) -> {
      if (!set.isEmpty()) {
        sorted.put(id, set.stream().sorted().toList());
      }
    });
    return sorted;
  }

  void restore(Snapshot snapshot) {
    snapshot.users().forEach(this::putUser);
    snapshot.groups().forEach(this::putGroup);
    snapshot.groupUsers().forEach((groupId, members) -> members.forEach(user -> addToGroup(groupId, user)));
    snapshot.roles().forEach(this::putRole);
    snapshot.roleUsers().forEach((roleId, members) -> members.forEach(user -> addToRole(roleId, USER, user)));
    snapshot.roleGroups().forEach((roleId, members) -> members.forEach(group -> addToRole(roleId, GROUP, group)));
    snapshot.authorizations().forEach(this::putAuthorization);
  }
}
