package cn.relief.app.security;

import java.io.Serializable;
import java.util.List;

/**
 * The logged-in user as the engine's identity knows it: its application roles and its
 * organisation (the group whose id starts with {@code org-}; null if it is in none).
 */
public record EngineUser(String username, String name, List<ReliefRole> roles, String organisationId,
    String organisationName) implements Serializable {
  /** Whether the user holds any of the roles. */
  public boolean hasAnyRole(ReliefRole... wanted) {
    for (ReliefRole role : wanted) {
      if (roles.contains(role)) {
        return true;
      }
    }
    return false;
  }

  /** By role name, for templates: {@code user.has('CASEWORKER', 'STATION_HEAD')}. */
  public boolean has(String... roleNames) {
    for (String name : roleNames) {
      if (roles.contains(ReliefRole.valueOf(name))) {
        return true;
      }
    }
    return false;
  }

  public String displayName() {
    return name == null || name.isBlank() ? username : name;
  }
}
