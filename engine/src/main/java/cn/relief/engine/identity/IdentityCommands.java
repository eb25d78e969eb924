package cn.relief.engine.identity;

import cn.relief.engine.audit.AuditRequest;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.processing.CommandHandler;
import cn.relief.engine.processing.StreamProcessor;
import cn.relief.engine.processing.command.IdentityProcessor;
import cn.relief.engine.record.AuthorizationRecord;
import cn.relief.engine.record.GroupRecord;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.RoleRecord;
import cn.relief.engine.record.UserRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.IdentityState;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The identity commands of the engine's API (users, groups, roles, authorizations), submitted to
 * the writer like every command and recorded in the audit trail. Passwords are hashed here, on the
 * caller's thread, and never reach the audit trail: its request data only says whether one was set.
 */
public final class IdentityCommands {
  private final StreamProcessor processor;
  private final IdentityProcessor identity = new IdentityProcessor();

  public IdentityCommands(StreamProcessor processor) {
    this.processor = processor;
  }

  /** The identity state as the writer last changed it; for reads on other threads. */
  public IdentityState state() {
    return processor.identity();
  }

  public CompletableFuture<UserRecord> createUser(String username, String name, String email, String password) {
    String hash = password == null || password.isEmpty() ? null : PasswordHashes.hash(password);
    AuditRequest audit = AuditRequest.of("CREATE_USER").target("username", username)
        .data("name", name).data("email", email).data("passwordSet", hash != null).build();
    return processor.submit(ValueType.USER, Intent.User.CREATE, audit,
        reply(ctx -> identity.createUser(ctx, new UserRecord(username, name, email, hash))));
  }

  /** Null fields stay as they are. */
  public CompletableFuture<UserRecord> updateUser(String username, String name, String email, String password) {
    String hash = password == null || password.isEmpty() ? null : PasswordHashes.hash(password);
    AuditRequest audit = AuditRequest.of("UPDATE_USER").target("username", username)
        .data("name", name).data("email", email).data("passwordChanged", hash != null).build();
    return processor.submit(ValueType.USER, Intent.User.UPDATE, audit,
        reply(ctx -> identity.updateUser(ctx, username, name, email, hash)));
  }

  public CompletableFuture<Void> deleteUser(String username) {
    return processor.submit(ValueType.USER, Intent.User.DELETE,
        AuditRequest.of("DELETE_USER").target("username", username).build(),
        done(ctx -> identity.deleteUser(ctx, username)));
  }

  public CompletableFuture<GroupRecord> createGroup(String groupId, String name, String description) {
    AuditRequest audit = AuditRequest.of("CREATE_GROUP").target("groupId", groupId)
        .data("name", name).data("description", description).build();
    return processor.submit(ValueType.GROUP, Intent.Group.CREATE, audit,
        reply(ctx -> identity.createGroup(ctx, groupId, name, description)));
  }

  /** A null description stays as it is. */
  public CompletableFuture<GroupRecord> updateGroup(String groupId, String name, String description) {
    AuditRequest audit = AuditRequest.of("UPDATE_GROUP").target("groupId", groupId)
        .data("name", name).data("description", description).build();
    return processor.submit(ValueType.GROUP, Intent.Group.UPDATE, audit,
        reply(ctx -> identity.updateGroup(ctx, groupId, name, description)));
  }

  /** Also removes its memberships and the authorizations it owns. */
  public CompletableFuture<Void> deleteGroup(String groupId) {
    return processor.submit(ValueType.GROUP, Intent.Group.DELETE,
        AuditRequest.of("DELETE_GROUP").target("groupId", groupId).build(),
        done(ctx -> identity.deleteGroup(ctx, groupId)));
  }

  public CompletableFuture<Void> assignUserToGroup(String groupId, String username) {
    return processor.submit(ValueType.GROUP, Intent.Group.ADD_ENTITY,
        AuditRequest.of("ASSIGN_USER_TO_GROUP").target("groupId", groupId).target("username", username).build(),
        done(ctx -> identity.addUserToGroup(ctx, groupId, username)));
  }

  public CompletableFuture<Void> unassignUserFromGroup(String groupId, String username) {
    return processor.submit(ValueType.GROUP, Intent.Group.REMOVE_ENTITY,
        AuditRequest.of("UNASSIGN_USER_FROM_GROUP").target("groupId", groupId).target("username", username).build(),
        done(ctx -> identity.removeUserFromGroup(ctx, groupId, username)));
  }

  public CompletableFuture<RoleRecord> createRole(String roleId, String name, String description) {
    AuditRequest audit = AuditRequest.of("CREATE_ROLE").target("roleId", roleId)
        .data("name", name).data("description", description).build();
    return processor.submit(ValueType.ROLE, Intent.Role.CREATE, audit,
        reply(ctx -> identity.createRole(ctx, roleId, name, description)));
  }

  /** A null description stays as it is. */
  public CompletableFuture<RoleRecord> updateRole(String roleId, String name, String description) {
    AuditRequest audit = AuditRequest.of("UPDATE_ROLE").target("roleId", roleId)
        .data("name", name).data("description", description).build();
    return processor.submit(ValueType.ROLE, Intent.Role.UPDATE, audit,
        reply(ctx -> identity.updateRole(ctx, roleId, name, description)));
  }

  /** Also takes the role from its members and deletes its authorizations; never the administrative role. */
  public CompletableFuture<Void> deleteRole(String roleId) {
    return processor.submit(ValueType.ROLE, Intent.Role.DELETE,
        AuditRequest.of("DELETE_ROLE").target("roleId", roleId).build(),
        done(ctx -> identity.deleteRole(ctx, roleId, AccessControl.ADMIN_ROLE)));
  }

  /** {@code entityType} is {@link IdentityState#USER} or {@link IdentityState#GROUP}. */
  public CompletableFuture<Void> assignRole(String roleId, String entityType, String entityId) {
    return processor.submit(ValueType.ROLE, Intent.Role.ADD_ENTITY,
        AuditRequest.of("ASSIGN_ROLE").target("roleId", roleId).target("entityType", entityType)
            .target("entityId", entityId).build(),
        done(ctx -> identity.addToRole(ctx, roleId, entityType, entityId)));
  }

  public CompletableFuture<Void> unassignRole(String roleId, String entityType, String entityId) {
    return processor.submit(ValueType.ROLE, Intent.Role.REMOVE_ENTITY,
        AuditRequest.of("UNASSIGN_ROLE").target("roleId", roleId).target("entityType", entityType)
            .target("entityId", entityId).build(),
        done(ctx -> identity.removeFromRole(ctx, roleId, entityType, entityId)));
  }

  public CompletableFuture<Long> createAuthorization(AuthorizationRecord authorization) {
    AuditRequest audit = AuditRequest.of("CREATE_AUTHORIZATION").target("ownerType", authorization.ownerType())
        .target("ownerId", authorization.ownerId()).data("resourceType", authorization.resourceType())
        .data("resourceId", authorization.resourceId()).data("permissionTypes", authorization.permissionTypes())
        .build();
    return processor.submit(ValueType.AUTHORIZATION, Intent.Authorization.CREATE, audit, reply(ctx -> {
      long key = identity.createAuthorization(ctx, authorization);
      ctx.auditProduced("authorizationKey", key);
      return key;
    }));
  }

  public CompletableFuture<Void> updateAuthorization(long authorizationKey, AuthorizationRecord authorization) {
    AuditRequest audit = AuditRequest.of("UPDATE_AUTHORIZATION").target("authorizationKey", authorizationKey)
        .data("ownerType", authorization.ownerType()).data("ownerId", authorization.ownerId())
        .data("resourceType", authorization.resourceType()).data("resourceId", authorization.resourceId())
        .data("permissionTypes", authorization.permissionTypes()).build();
    return processor.submit(ValueType.AUTHORIZATION, Intent.Authorization.UPDATE, audit,
        done(ctx -> identity.updateAuthorization(ctx, authorizationKey, authorization)));
  }

  public CompletableFuture<Void> deleteAuthorization(long authorizationKey) {
    return processor.submit(ValueType.AUTHORIZATION, Intent.Authorization.DELETE,
        AuditRequest.of("DELETE_AUTHORIZATION").target("authorizationKey", authorizationKey).build(),
        done(ctx -> identity.deleteAuthorization(ctx, authorizationKey)));
  }

  /**
   * Creates the configured initial administrator with the {@value AccessControl#ADMIN_ROLE} role
   * if no user exists yet; the engine's own operation in the audit trail.
   */
  public CompletableFuture<Void> ensureInitialAdministrator(String username, String password) {
    if (!state().users().isEmpty()) {
      return CompletableFuture.completedFuture(null); // spares the slow hash on every start
    }
    UserRecord administrator = new UserRecord(username, username, null, PasswordHashes.hash(password));
    return processor.submitInternal(ValueType.USER, Intent.User.CREATE,
        AuditRequest.of("CREATE_INITIAL_ADMINISTRATOR").target("username", username).build(), (ctx, reply) -> {
          identity.createInitialAdministrator(ctx, administrator, AccessControl.ADMIN_ROLE);
          ctx.afterCommit(() -> reply.complete(null));
        });
  }

  private static <T> CommandHandler<T> reply(Function<CommandContext, T> body) {
    return (ctx, reply) -> {
      T result = body.apply(ctx);
      ctx.afterCommit(() -> reply.complete(result));
    };
  }

  private static CommandHandler<Void> done(java.util.function.Consumer<CommandContext> body) {
    return (ctx, reply) -> {
      body.accept(ctx);
      ctx.afterCommit(() -> reply.complete(null));
    };
  }
}
