package cn.relief.engine.identity;

import cn.relief.engine.record.AuthorizationRecord;
import cn.relief.engine.state.IdentityState;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides whether a user holds a permission: members of the {@value #ADMIN_ROLE} role (directly
 * or through a group) hold all of them; anyone else needs an authorization for the permission
 * owned by the user, one of its groups or one of its roles.
 *
 * <p>A first cut: the gateways ask per call, without the resource id (which process, which user),
 * so an authorization for any resource id of the type grants the call. Checks per resource id
 * come with the commands that carry one.
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
      if (authorization.resourceType().equals(required.resourceType())
          && authorization.permissionTypes().contains(required.permissionType())
          && owns(authorization, username, groups, roles)) {
        return Optional.empty();
      }
    }
    return Optional.of("Expected user '" + username + "' to hold permission " + required.describe()
        + " for this request, but neither the user nor its groups " + groups + " or roles " + roles
        + " hold an authorization for it (insufficient permissions)");
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
