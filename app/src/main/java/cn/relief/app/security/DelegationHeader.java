package cn.relief.app.security;

/**
 * What the application adds to its calls to the engine when it acts for a person: the embedded
 * engine admits people (the roles of {@code relief.engine.auth.delegated-roles}) only with it, so
 * a person's password alone does not open the engine's API, where neither what the pages show
 * them nor the login's lock-out would hold. {@link #NONE} against an engine that has no such rule.
 */
public record DelegationHeader(String name, String value) {
  public static final DelegationHeader NONE = new DelegationHeader(null, null);

  public boolean isNone() {
    return name == null || value == null || value.isEmpty();
  }
}
