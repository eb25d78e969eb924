package cn.relief.engine.identity;

import cn.relief.engine.state.IdentityState;
import cn.relief.engine.api.Caller;
import cn.relief.engine.api.CallerContext;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the gateways check on every call: who the caller is ({@link BasicAuthenticator}) and
 * whether it may make the call ({@link AccessControl}), both against the engine's identity state.
 */
public final class ApiSecurity {
  private final BasicAuthenticator authenticator;
  private final AccessControl access;
  private final Supplier<IdentityState> identity;

  public ApiSecurity(Supplier<IdentityState> identity) {
    this.identity = identity;
    this.authenticator = new BasicAuthenticator(identity);
    this.access = new AccessControl(identity);
  }

  /** The user name of an accepted {@code Authorization} header value, or empty. */
  public Optional<String> authenticate(String authorizationHeader) {
    return authenticator.authenticate(authorizationHeader);
  }

  /** Empty if the user may make a call that needs {@code required} (or nothing); else the reason it may not. */
  public Optional<String> refusal(String username, Optional<Permission> required) {
    return required.flatMap(permission -> access.refusal(username, permission));
  }

  /**
   * The resource ids of a type the current caller (of this thread) may access with a permission;
   * empty when all of them: for administrators, authorizations on {@code *}, and callers that are
   * not people (the engine, in-process code).
   */
  public Optional<Set<String>> permittedIds(String resourceType, String permissionType) {
    Caller caller = CallerContext.current();
    if (!Caller.USER.equals(caller.kind()) && !Caller.CLIENT.equals(caller.kind())) {
      return Optional.empty();
    }
    return access.permittedIds(caller.id(), resourceType, permissionType);
  }

  /** The identity state, for the caller's groups and roles (later permission checks). */
  public IdentityState identity() {
    return identity.get();
  }
}
