package cn.relief.engine.processing.command;

import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.processing.Rejections;
import cn.relief.engine.record.AuthorizationRecord;
import cn.relief.engine.record.GroupRecord;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.RoleRecord;
import cn.relief.engine.record.UserRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.IdentityState;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Users, groups, roles and authorizations: checks each command against the identity state and
 * writes its events. Passwords arrive already hashed (hashing is slow and stays off this thread).
 */
public final class IdentityProcessor {
  private static final Set<String> OWNER_TYPES = Set.of("USER", "GROUP", "ROLE");

  public UserRecord createUser(CommandContext ctx, UserRecord user) {
    requireText(Intent.User.CREATE, "username", user.username());
    requireText(Intent.User.CREATE, "password", user.passwordHash());
    if (identity(ctx).user(user.username()) != null) {
      throw Rejections.alreadyExists(Intent.User.CREATE,
          "Expected to create user with username '%s', but a user with this username already exists", user.username());
    }
    append(ctx, ValueType.USER, Intent.User.CREATED, user);
    return user;
  }

  /** {@code passwordHash} null keeps the password. */
  public UserRecord updateUser(CommandContext ctx, String username, String name, String email, String passwordHash) {
    UserRecord existing = requireUser(ctx, Intent.User.UPDATE, username);
    UserRecord updated = new UserRecord(username, name == null ? existing.name() : name,
        email == null ? existing.email() : email, passwordHash == null ? existing.passwordHash() : passwordHash);
    append(ctx, ValueType.USER, Intent.User.UPDATED, updated);
    return updated;
  }

  /**
   * Removes the user from its groups and roles and deletes its authorizations first, each as an
   * event of its own (as Zeebe does): a later user of the same name starts with nothing.
   */
  public void deleteUser(CommandContext ctx, String username) {
    UserRecord user = requireUser(ctx, Intent.User.DELETE, username);
    for (String groupId : new TreeSet<>(identity(ctx).groupsOf(username))) {
      append(ctx, ValueType.GROUP, Intent.Group.ENTITY_REMOVED, member(identity(ctx).group(groupId), username));
    }
    leaveRoles(ctx, IdentityState.USER, username);
    deleteAuthorizationsOf(ctx, "USER", username);
    append(ctx, ValueType.USER, Intent.User.DELETED, user);
  }

  public GroupRecord createGroup(CommandContext ctx, String groupId, String name, String description) {
    requireText(Intent.Group.CREATE, "groupId", groupId);
    requireText(Intent.Group.CREATE, "name", name);
    if (identity(ctx).group(groupId) != null) {
      throw Rejections.alreadyExists(Intent.Group.CREATE,
          "Expected to create group with ID '%s', but a group with this ID already exists", groupId);
    }
    GroupRecord group = new GroupRecord(groupId, name, description, null, null);
    append(ctx, ValueType.GROUP, Intent.Group.CREATED, group);
    return group;
  }

  /** {@code description} null keeps it; the name is required as on creation. */
  public GroupRecord updateGroup(CommandContext ctx, String groupId, String name, String description) {
    GroupRecord existing = requireGroup(ctx, Intent.Group.UPDATE, groupId);
    requireText(Intent.Group.UPDATE, "name", name);
    GroupRecord updated = new GroupRecord(groupId, name, description == null ? existing.description() : description,
        null, null);
    append(ctx, ValueType.GROUP, Intent.Group.UPDATED, updated);
    return updated;
  }

  /** Its users leave it, it loses its roles and its authorizations, then it is deleted. */
  public void deleteGroup(CommandContext ctx, String groupId) {
    GroupRecord group = requireGroup(ctx, Intent.Group.DELETE, groupId);
    for (String username : new TreeSet<>(identity(ctx).usersOfGroup(groupId))) {
      append(ctx, ValueType.GROUP, Intent.Group.ENTITY_REMOVED, member(group, username));
    }
    leaveRoles(ctx, IdentityState.GROUP, groupId);
    deleteAuthorizationsOf(ctx, "GROUP", groupId);
    append(ctx, ValueType.GROUP, Intent.Group.DELETED, group);
  }

  public void addUserToGroup(CommandContext ctx, String groupId, String username) {
    GroupRecord group = requireGroup(ctx, Intent.Group.ADD_ENTITY, groupId);
    requireUser(ctx, Intent.Group.ADD_ENTITY, username);
    if (identity(ctx).usersOfGroup(groupId).contains(username)) {
      throw Rejections.alreadyExists(Intent.Group.ADD_ENTITY,
          "Expected to add user '%s' to group '%s', but the user is already a member", username, groupId);
    }
    append(ctx, ValueType.GROUP, Intent.Group.ENTITY_ADDED, member(group, username));
  }

  public void removeUserFromGroup(CommandContext ctx, String groupId, String username) {
    GroupRecord group = requireGroup(ctx, Intent.Group.REMOVE_ENTITY, groupId);
    if (!identity(ctx).usersOfGroup(groupId).contains(username)) {
      throw Rejections.notFound(Intent.Group.REMOVE_ENTITY,
          "Expected to remove user '%s' from group '%s', but the user is not a member", username, groupId);
    }
    append(ctx, ValueType.GROUP, Intent.Group.ENTITY_REMOVED, member(group, username));
  }

  public RoleRecord createRole(CommandContext ctx, String roleId, String name, String description) {
    requireText(Intent.Role.CREATE, "roleId", roleId);
    requireText(Intent.Role.CREATE, "name", name);
    if (identity(ctx).role(roleId) != null) {
      throw Rejections.alreadyExists(Intent.Role.CREATE,
          "Expected to create role with ID '%s', but a role with this ID already exists", roleId);
    }
    RoleRecord role = new RoleRecord(roleId, name, description, null, null);
    append(ctx, ValueType.ROLE, Intent.Role.CREATED, role);
    return role;
  }

  /** {@code description} null keeps it; the name is required as on creation. */
  public RoleRecord updateRole(CommandContext ctx, String roleId, String name, String description) {
    RoleRecord existing = requireRole(ctx, Intent.Role.UPDATE, roleId);
    requireText(Intent.Role.UPDATE, "name", name);
    RoleRecord updated = new RoleRecord(roleId, name, description == null ? existing.description() : description,
        null, null);
    append(ctx, ValueType.ROLE, Intent.Role.UPDATED, updated);
    return updated;
  }

  /**
   * Takes the role from its users and groups and deletes its authorizations, then the role. The
   * administrative role stays: without it nobody could administer the engine any more.
   */
  public void deleteRole(CommandContext ctx, String roleId, String adminRoleId) {
    RoleRecord role = requireRole(ctx, Intent.Role.DELETE, roleId);
    if (roleId.equals(adminRoleId)) {
      throw Rejections.invalidState(Intent.Role.DELETE,
          "Expected to delete role with ID '%s', but it is the administrative role, which cannot be deleted", roleId);
    }
    for (String username : new TreeSet<>(identity(ctx).usersOfRole(roleId))) {
      append(ctx, ValueType.ROLE, Intent.Role.ENTITY_REMOVED,
          new RoleRecord(roleId, role.name(), role.description(), username, IdentityState.USER));
    }
    for (String groupId : new TreeSet<>(identity(ctx).groupsOfRole(roleId))) {
      append(ctx, ValueType.ROLE, Intent.Role.ENTITY_REMOVED,
          new RoleRecord(roleId, role.name(), role.description(), groupId, IdentityState.GROUP));
    }
    deleteAuthorizationsOf(ctx, "ROLE", roleId);
    append(ctx, ValueType.ROLE, Intent.Role.DELETED, role);
  }

  /** {@code entityType} is USER or GROUP. */
  public void addToRole(CommandContext ctx, String roleId, String entityType, String entityId) {
    RoleRecord role = requireRole(ctx, Intent.Role.ADD_ENTITY, roleId);
    requireMember(ctx, Intent.Role.ADD_ENTITY, entityType, entityId);
    if (membersOf(ctx, roleId, entityType).contains(entityId)) {
      throw Rejections.alreadyExists(Intent.Role.ADD_ENTITY,
          "Expected to assign role '%s' to %s '%s', but it already has the role", roleId, kind(entityType), entityId);
    }
    append(ctx, ValueType.ROLE, Intent.Role.ENTITY_ADDED,
        new RoleRecord(roleId, role.name(), role.description(), entityId, entityType));
  }

  public void removeFromRole(CommandContext ctx, String roleId, String entityType, String entityId) {
    RoleRecord role = requireRole(ctx, Intent.Role.REMOVE_ENTITY, roleId);
    if (!membersOf(ctx, roleId, entityType).contains(entityId)) {
      throw Rejections.notFound(Intent.Role.REMOVE_ENTITY,
          "Expected to unassign role '%s' from %s '%s', but it does not have the role", roleId, kind(entityType),
          entityId);
    }
    append(ctx, ValueType.ROLE, Intent.Role.ENTITY_REMOVED,
        new RoleRecord(roleId, role.name(), role.description(), entityId, entityType));
  }

  public long createAuthorization(CommandContext ctx, AuthorizationRecord authorization) {
    validate(ctx, Intent.Authorization.CREATE, null, authorization);
    return append(ctx, ValueType.AUTHORIZATION, Intent.Authorization.CREATED, copy(authorization));
  }

  /** Replaces owner, resource and permissions of an authorization; checked as a new one is. */
  public void updateAuthorization(CommandContext ctx, long key, AuthorizationRecord authorization) {
    if (identity(ctx).authorization(key) == null) {
      throw Rejections.notFound(Intent.Authorization.UPDATE,
          "Expected to update authorization with key '%d', but an authorization with this key does not exist", key);
    }
    validate(ctx, Intent.Authorization.UPDATE, key, authorization);
    ctx.writer().appendEvent(key, ValueType.AUTHORIZATION, Intent.Authorization.UPDATED, copy(authorization));
  }

  /** {@code ownKey}: the authorization being updated, which may keep its owner and resource. */
  private static void validate(CommandContext ctx, Enum<?> intent, Long ownKey, AuthorizationRecord authorization) {
    if (authorization.ownerType() == null || !OWNER_TYPES.contains(authorization.ownerType())) {
      throw Rejections.invalidArgument(intent,
          "Expected an owner type of %s, but it was '%s'", OWNER_TYPES, authorization.ownerType());
    }
    requireText(intent, "ownerId", authorization.ownerId());
    requireText(intent, "resourceType", authorization.resourceType());
    requireText(intent, "resourceId", authorization.resourceId());
    if (authorization.permissionTypes() == null || authorization.permissionTypes().isEmpty()) {
      throw Rejections.invalidArgument(intent, "Expected at least one permission type, but none was given");
    }
    boolean duplicate = identity(ctx).authorizations().entrySet().stream().anyMatch(entry -> {
      AuthorizationRecord existing = entry.getValue();
      return !entry.getKey().equals(ownKey)
          && existing.ownerType().equals(authorization.ownerType()) && existing.ownerId().equals(authorization.ownerId())
          && existing.resourceType().equals(authorization.resourceType())
          && existing.resourceId().equals(authorization.resourceId());
    });
    if (duplicate) {
      throw Rejections.alreadyExists(intent,
          "Expected to %s authorization for owner '%s' for resource identifier '%s', but an authorization for "
              + "this resource identifier already exists", intent == Intent.Authorization.CREATE ? "create" : "update",
          authorization.ownerId(), authorization.resourceId());
    }
  }

  private static AuthorizationRecord copy(AuthorizationRecord authorization) {
    return new AuthorizationRecord(authorization.ownerType(), authorization.ownerId(), authorization.resourceType(),
        authorization.resourceId(), List.copyOf(authorization.permissionTypes()));
  }

  public void deleteAuthorization(CommandContext ctx, long key) {
    AuthorizationRecord authorization = identity(ctx).authorization(key);
    if (authorization == null) {
      throw Rejections.notFound(Intent.Authorization.DELETE,
          "Expected to delete authorization with key '%d', but an authorization with this key does not exist", key);
    }
    ctx.writer().appendEvent(key, ValueType.AUTHORIZATION, Intent.Authorization.DELETED, authorization);
  }

  /**
   * Creates the initial administrator with the administrative role, unless users exist already
   * (then the configured credentials are ignored: identity is managed through the API from then).
   */
  public boolean createInitialAdministrator(CommandContext ctx, UserRecord administrator, String adminRoleId) {
    if (!identity(ctx).users().isEmpty()) {
      return false;
    }
    append(ctx, ValueType.USER, Intent.User.CREATED, administrator);
    if (identity(ctx).role(adminRoleId) == null) {
      append(ctx, ValueType.ROLE, Intent.Role.CREATED,
          new RoleRecord(adminRoleId, "Admin", "Holds every permission", null, null));
    }
    RoleRecord role = identity(ctx).role(adminRoleId);
    append(ctx, ValueType.ROLE, Intent.Role.ENTITY_ADDED,
        new RoleRecord(adminRoleId, role.name(), role.description(), administrator.username(), IdentityState.USER));
    return true;
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static IdentityState identity(CommandContext ctx) {
    return ctx.state().identity();
  }

  private static long append(CommandContext ctx, ValueType type, Enum<?> intent,
      cn.relief.engine.record.RecordValue value) {
    return ctx.writer().appendEvent(ctx.state().keys().nextKey(), type, intent, value);
  }

  /** The user or group loses the roles it holds itself. */
  private static void leaveRoles(CommandContext ctx, String entityType, String entityId) {
    for (String roleId : identity(ctx).directRolesOf(entityType, entityId)) {
      RoleRecord role = identity(ctx).role(roleId);
      if (role != null) { // else a stale membership, which the deletion's applier drops anyway
        append(ctx, ValueType.ROLE, Intent.Role.ENTITY_REMOVED,
            new RoleRecord(roleId, role.name(), role.description(), entityId, entityType));
      }
    }
  }

  /** Deletes the authorizations of an owner, so that a later owner of the same id does not inherit them. */
  private static void deleteAuthorizationsOf(CommandContext ctx, String ownerType, String ownerId) {
    for (long key : identity(ctx).authorizationsOwnedBy(ownerType, ownerId)) {
      ctx.writer().appendEvent(key, ValueType.AUTHORIZATION, Intent.Authorization.DELETED,
          identity(ctx).authorization(key));
    }
  }

  private static GroupRecord member(GroupRecord group, String username) {
    return new GroupRecord(group.groupId(), group.name(), group.description(), username, IdentityState.USER);
  }

  private static Set<String> membersOf(CommandContext ctx, String roleId, String entityType) {
    return IdentityState.GROUP.equals(entityType)
        ? identity(ctx).groupsOfRole(roleId) : identity(ctx).usersOfRole(roleId);
  }

  private static String kind(String entityType) {
    return IdentityState.GROUP.equals(entityType) ? "group" : "user";
  }

  private static void requireMember(CommandContext ctx, Enum<?> intent, String entityType, String entityId) {
    if (IdentityState.GROUP.equals(entityType)) {
      requireGroup(ctx, intent, entityId);
    } else {
      requireUser(ctx, intent, entityId);
    }
  }

  private static UserRecord requireUser(CommandContext ctx, Enum<?> intent, String username) {
    UserRecord user = identity(ctx).user(username);
    if (user == null) {
      throw Rejections.notFound(intent,
          "Expected to find user with username '%s', but a user with this username does not exist", username);
    }
    return user;
  }

  private static GroupRecord requireGroup(CommandContext ctx, Enum<?> intent, String groupId) {
    GroupRecord group = identity(ctx).group(groupId);
    if (group == null) {
      throw Rejections.notFound(intent,
          "Expected to find group with ID '%s', but a group with this ID does not exist", groupId);
    }
    return group;
  }

  private static RoleRecord requireRole(CommandContext ctx, Enum<?> intent, String roleId) {
    RoleRecord role = identity(ctx).role(roleId);
    if (role == null) {
      throw Rejections.notFound(intent,
          "Expected to find role with ID '%s', but a role with this ID does not exist", roleId);
    }
    return role;
  }

  private static void requireText(Enum<?> intent, String name, String value) {
    if (value == null || value.isBlank()) {
      throw Rejections.invalidArgument(intent, "Expected a non-empty %s, but it was empty", name);
    }
  }
}
