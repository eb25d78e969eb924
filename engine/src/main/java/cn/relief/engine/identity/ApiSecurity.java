package cn.relief.engine.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

import cn.relief.engine.state.IdentityState;
import cn.relief.engine.api.Caller;
import cn.relief.engine.audit.AuditRequest;
import cn.relief.engine.api.CallerContext;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.function.Supplier;

/**
 * What the gateways check on every call: who the caller is ({@link BasicAuthenticator}) and
 * whether it may make the call ({@link AccessControl}), both against the engine's identity state.
 */
public final class ApiSecurity {
  private static final Logger LOG = LoggerFactory.getLogger(ApiSecurity.class);

  /** Writes a refused call to the audit trail (the engine's {@code recordRefusal}). */
  @FunctionalInterface
  public interface RefusalLog {
    CompletableFuture<Void> record(AuditRequest call, Caller caller, String reason);
  }

  private final BasicAuthenticator authenticator;
  private final AccessControl access;
  private final Supplier<IdentityState> identity;
  private final RefusalLog refusals;

  public ApiSecurity(Supplier<IdentityState> identity) {
    this(identity, (call, caller, reason) -> CompletableFuture.completedFuture(null));
  }

  public ApiSecurity(Supplier<IdentityState> identity, RefusalLog refusals) {
    this(identity, refusals, Set.of(), "");
  }

  /**
   * @param delegatedRoles roles whose holders are admitted only with {@code delegationToken} (people
   *     who work through the web application, which acts for them): their password alone, tried on
   *     the API directly, would get round what the application shows them and its lock-out
   * @param delegationToken what the acting application presents in {@link #DELEGATION_HEADER}
   */
  public ApiSecurity(Supplier<IdentityState> identity, RefusalLog refusals, Set<String> delegatedRoles,
      String delegationToken) {
    this.identity = identity;
    this.authenticator = new BasicAuthenticator(identity);
    this.access = new AccessControl(identity);
    this.refusals = refusals;
    this.delegatedRoles = Set.copyOf(delegatedRoles);
    this.delegationToken = delegationToken == null ? "" : delegationToken;
  }

  /** The REST header in which an application acting for a person presents the delegation token. */
  public static final String DELEGATION_HEADER = "X-Relief-Delegation";

  private final Set<String> delegatedRoles;
  private final String delegationToken;

  /** The user name of an accepted {@code Authorization} header value, or empty. */
  public Optional<String> authenticate(String authorizationHeader) {
    return authenticate(authorizationHeader, null);
  }

  /**
   * As {@link #authenticate(String)}, admitting a holder of a delegated role only with the
   * delegation token. That is decided from the user name before the password is checked, and
   * answered as wrong credentials, so the API tells nobody whether a person's password is right.
   */
  public Optional<String> authenticate(String authorizationHeader, String presentedToken) {
    String username = BasicAuthenticator.username(authorizationHeader);
    if (username != null && !delegatedRoles.isEmpty() && !presents(presentedToken)
        && identity.get().rolesOf(username).stream().anyMatch(delegatedRoles::contains)) {
      return Optional.empty();
    }
    return authenticator.authenticate(authorizationHeader);
  }

  /** The token an application acting for people presents (empty when no role is delegated). */
  public String delegationToken() {
    return delegationToken;
  }

  private boolean presents(String presentedToken) {
    return !delegationToken.isEmpty() && presentedToken != null && MessageDigest.isEqual(
        delegationToken.getBytes(StandardCharsets.UTF_8), presentedToken.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * As {@link #refusal}, for a gateway about to answer a call: a refused call is recorded in the
   * audit trail (who tried {@code call}, what was missing). The answer does not wait for the entry;
   * a failure to record it is logged.
   */
  public Optional<String> refuse(String username, String call, Optional<Permission> required) {
    Optional<String> refusal = refusal(username, required);
    if (refusal.isPresent()) {
      Permission permission = required.get();
      AuditRequest entry = AuditRequest.of("REFUSED_CALL").target("call", call)
          .data("resourceType", permission.resourceType()).data("permissionType", permission.permissionType())
          .data("resourceId", permission.resourceId()).build();
      refusals.record(entry, Caller.user(username), refusal.get()).whenComplete((ignored, failure) -> {
        if (failure != null) {
          LOG.warn("Could not record the refused call {} of user {} in the audit trail: {}", call, username,
              failure.getMessage());
        }
      });
    }
    return refusal;
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
