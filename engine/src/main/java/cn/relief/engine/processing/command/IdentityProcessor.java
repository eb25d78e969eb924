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

  public void deleteUser(CommandContext ctx, String username) {
    append(ctx, ValueType.USER, Intent.User.DELETED, requireUser(ctx, Intent.User.DELETE, username));
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
    if (authorization.ownerType() == null || !OWNER_TYPES.contains(authorization.ownerType())) {
      throw Rejections.invalidArgument(Intent.Authorization.CREATE,
          "Expected an owner type of %s, but it was '%s'", OWNER_TYPES, authorization.ownerType());
    }
    requireText(Intent.Authorization.CREATE, "ownerId", authorization.ownerId());
    requireText(Intent.Authorization.CREATE, "resourceType", authorization.resourceType());
    requireText(Intent.Authorization.CREATE, "resourceId", authorization.resourceId());
    if (authorization.permissionTypes() == null || authorization.permissionTypes().isEmpty()) {
      throw Rejections.invalidArgument(Intent.Authorization.CREATE,
          "Expected at least one permission type, but none was given");
    }
    boolean duplicate = identity(ctx).authorizations().values().stream().anyMatch(existing ->
        existing.ownerType().equals(authorization.ownerType()) && existing.ownerId().equals(authorization.ownerId())
            && existing.resourceType().equals(authorization.resourceType())
            && existing.resourceId().equals(authorization.resourceId()));
    if (duplicate) {
      throw Rejections.alreadyExists(Intent.Authorization.CREATE,
          "Expected to create authorization for owner '%s' for resource identifier '%s', but an authorization for "
              + "this resource identifier already exists", authorization.ownerId(), authorization.resourceId());
    }
    return append(ctx, ValueType.AUTHORIZATION, Intent.Authorization.CREATED,
        new AuthorizationRecord(authorization.ownerType(), authorization.ownerId(), authorization.resourceType(),
            authorization.resourceId(), List.copyOf(authorization.permissionTypes())));
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
