package cn.relief.engine.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * The credentials callers of the engine's gRPC and REST APIs must present, as HTTP basic
 * authentication (what the Camunda client sends with {@code camunda.client.auth.method=basic}).
 * Identity with users, groups and roles replaces this single account in E4.
 */
public final class EngineCredentials {
  private final String username;
  private final byte[] password;

  public EngineCredentials(String username, String password) {
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      throw new IllegalArgumentException("Engine credentials need a non-empty username and password");
    }
    this.username = username;
    this.password = password.getBytes(StandardCharsets.UTF_8);
  }

  public String username() {
    return username;
  }

  /**
   * Checks an {@code Authorization} header value; true only for {@code Basic base64(user:pass)}
   * with the configured user and password. Compares in constant time.
   */
  public boolean acceptsAuthorizationHeader(String header) {
    return authenticate(header).isPresent();
  }

  /**
   * The user name of an accepted {@code Authorization} header (for the audit trail), or empty when
   * the header is not accepted. Compares in constant time.
   */
  public Optional<String> authenticate(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    final String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    boolean userOk = MessageDigest.isEqual(
        decoded.substring(0, colon).getBytes(StandardCharsets.UTF_8), username.getBytes(StandardCharsets.UTF_8));
    boolean passOk = MessageDigest.isEqual(
        decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8), password);
    return userOk && passOk ? Optional.of(username) : Optional.empty();
  }
}
