package cn.relief.engine.state;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Variables per scope (an element instance key). Values are plain Java values parsed from JSON;
 * scopes are removed with their element instance.
 */
public final class VariableState {
  /** A variable's key (its creation record's key) and current value. */
  public record Variable(long key, Object value) {}

  private final Map<Long, Map<String, Variable>> scopes = new HashMap<>();

  public Variable get(long scopeKey, String name) {
    Map<String, Variable> scope = scopes.get(scopeKey);
    return scope == null ? null : scope.get(name);
  }

  public Map<String, Variable> local(long scopeKey) {
    return scopes.getOrDefault(scopeKey, Map.of());
  }

  void put(long scopeKey, String name, long key, Object value) {
    scopes.computeIfAbsent(scopeKey, k -> new LinkedHashMap<>(4)).put(name, new Variable(key, value));
  }

  void removeScope(long scopeKey) {
    scopes.remove(scopeKey);
  }
  /** Every scope with its variables, for snapshots. */
  public Map<Long, Map<String, Variable>> all() {
    return scopes;
  }
}
