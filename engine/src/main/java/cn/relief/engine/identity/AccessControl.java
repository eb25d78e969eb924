package cn.relief.engine.identity;

import cn.relief.engine.api.Caller;
import cn.relief.engine.api.CommandRejectedException;
import cn.relief.engine.api.RejectionType;
import cn.relief.engine.record.AuthorizationRecord;
import cn.relief.engine.state.IdentityState;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides whether a user holds a permission: members of the {@value #ADMIN_ROLE} role (directly
 * or through a group) hold all of them; anyone else needs an authorization for the permission
 * owned by the user, one of its groups or one of its roles, for the resource id in question or
 * for {@code *}.
 *
 * <p>The gateways ask before a call whether the user holds the permission for some id of the
 * type; the engine then checks the id a command is about (which process, which decision), and
 * the searches show only the rows of the ids the user may read.
 */
public final class AccessControl {
  /** The administrative role the initial administrator gets. */
  public static final String ADMIN_ROLE = "admin";

  private final Supplier<IdentityState> identity;

  public AccessControl(Supplier<IdentityState> identity) {
    this.identity = identity;
  }

  /** Empty if {@code username} holds {@code required}; otherwise why the call is refused. */
  public Optional<String> refusal(String username, Permission required) {
    IdentityState state = identity.get();
    Set<String> groups = state.groupsOf(username);
    Set<String> roles = state.rolesOf(username);
    if (roles.contains(ADMIN_ROLE)) {
      return Optional.empty();
    }
    for (AuthorizationRecord authorization : state.authorizations().values()) {
      if (grants(authorization, required.resourceType(), required.permissionType())
          && (required.resourceId() == null || Permission.ANY_ID.equals(authorization.resourceId())
              || required.resourceId().equals(authorization.resourceId()))
          && owns(authorization, username, groups, roles)) {
        return Optional.empty();
      }
    }
    return Optional.of("Expected user '" + username + "' to hold permission " + required.describe()
        + " for this request, but neither the user nor its groups " + groups + " or roles " + roles
        + " hold an authorization for it (insufficient permissions)");
  }

  /**
   * The resource ids of a type the user holds a permission for; empty when it holds it for all of
   * them (an administrator, or an authorization for {@code *}).
   */
  public Optional<Set<String>> permittedIds(String username, String resourceType, String permissionType) {
    IdentityState state = identity.get();
    Set<String> groups = state.groupsOf(username);
    Set<String> roles = state.rolesOf(username);
    if (roles.contains(ADMIN_ROLE)) {
      return Optional.empty();
    }
    Set<String> ids = new HashSet<>();
    for (AuthorizationRecord authorization : state.authorizations().values()) {
      if (grants(authorization, resourceType, permissionType) && owns(authorization, username, groups, roles)) {
        if (Permission.ANY_ID.equals(authorization.resourceId())) {
          return Optional.empty();
        }
        ids.add(authorization.resourceId());
      }
    }
    return Optional.of(ids);
  }

  /**
   * For the engine's commands: refuses a person's (or client's) command on a resource they hold no
   * authorization for. The engine's own work and in-process calls are not people.
   */
  public void require(Caller caller, Permission required, String command) {
    if (!Caller.USER.equals(caller.kind()) && !Caller.CLIENT.equals(caller.kind())) {
      return;
    }
    Optional<String> refusal = refusal(caller.id(), required);
    if (refusal.isPresent()) {
      throw new CommandRejectedException(RejectionType.FORBIDDEN, command, refusal.get());
    }
  }

  private static boolean grants(AuthorizationRecord authorization, String resourceType, String permissionType) {
    return authorization.resourceType().equals(resourceType)
        && authorization.permissionTypes().contains(permissionType);
  }

  private static boolean owns(AuthorizationRecord authorization, String username, Set<String> groups,
      Set<String> roles) {
    return switch (authorization.ownerType()) {
      case "USER" -> authorization.ownerId().equals(username);
      case "GROUP" -> groups.contains(authorization.ownerId());
      case "ROLE" -> roles.contains(authorization.ownerId());
      default -> false;
    };
  }
}
