package cn.relief.app.security;

import java.io.Serializable;
import java.util.List;

/**
 * The logged-in user as the engine's identity knows it: its application roles and its
 * organisation (the group whose id starts with {@code org-}; null if it is in none).
 */
public record EngineUser(String username, String name, List<ReliefRole> roles, String organisationId,
    String organisationName) implements Serializable {
  public String displayName() {
    return name == null || name.isBlank() ? username : name;
  }
}
