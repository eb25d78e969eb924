package cn.relief.engine.state;

import cn.relief.engine.record.ProcessInstanceRecord;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A running element instance. Flow scopes (the process) also count their active children and
 * the tokens waiting at parallel joins, which together decide when the scope can complete.
 */
public final class ElementInstance {
  private final long key;
  private ProcessInstanceRecord value;
  private ElementState state;
  private Set<Long> children;
  private long jobKey;
  private long calledChildKey;
  /** Per joining gateway id: how many tokens arrived per incoming flow id. */
  private Map<String, Map<String, Integer>> joinTokens;

  ElementInstance(long key, ProcessInstanceRecord value, ElementState state) {
    this.key = key;
    this.value = value;
    this.state = state;
  }

  public long key() {
    return key;
  }

  public ProcessInstanceRecord value() {
    return value;
  }

  public ElementState state() {
    return state;
  }

  public long parentKey() {
    return value.flowScopeKey();
  }

  public int activeChildren() {
    return children == null ? 0 : children.size();
  }

  /** Keys of the active child element instances, in activation order. */
  public Set<Long> children() {
    return children == null ? Set.of() : children;
  }

  public long jobKey() {
    return jobKey;
  }

  /** For a call activity: the process instance it started (0 when none). */
  public long calledChildKey() {
    return calledChildKey;
  }

  void setCalledChildKey(long calledChildKey) {
    this.calledChildKey = calledChildKey;
  }

  public boolean hasWaitingTokens() {
    return joinTokens != null && !joinTokens.isEmpty();
  }

  public Map<String, Integer> joinTokens(String gatewayId) {
    return joinTokens == null ? Map.of() : joinTokens.getOrDefault(gatewayId, Map.of());
  }

  void setState(ElementState state) {
    this.state = state;
  }

  void setValue(ProcessInstanceRecord value) {
    this.value = value;
  }

  void childActivated(long childKey) {
    if (children == null) {
      children = new LinkedHashSet<>(4);
    }
    children.add(childKey);
  }

  void childEnded(long childKey) {
    if (children != null) {
      children.remove(childKey);
    }
  }

  void setJobKey(long jobKey) {
    this.jobKey = jobKey;
  }

  /** Tokens waiting at joins, per gateway and incoming flow (empty when none), for snapshots. */
  public Map<String, Map<String, Integer>> allJoinTokens() {
    return joinTokens == null ? Map.of() : joinTokens;
  }

  void restoreJoinTokens(Map<String, Map<String, Integer>> tokens) {
    if (!tokens.isEmpty()) {
      joinTokens = new HashMap<>();
      tokens.forEach((gateway, flows) -> joinTokens.put(gateway, new HashMap<>(flows)));
    }
  }

  void addJoinToken(String gatewayId, String flowId) {
    if (joinTokens == null) {
      joinTokens = new HashMap<>(2);
    }
    joinTokens.computeIfAbsent(gatewayId, g -> new HashMap<>()).merge(flowId, 1, Integer::sum);
  }

  /** Removes one token per incoming flow of a join that fires. */
  void consumeJoinTokens(String gatewayId) {
    Map<String, Integer> tokens = joinTokens == null ? null : joinTokens.get(gatewayId);
    if (tokens == null) {
      return;
    }
    tokens.replaceAll((flow, count) -> count - 1);
    tokens.values().removeIf(count -> count <= 0);
    if (tokens.isEmpty()) {
      joinTokens.remove(gatewayId);
    }
  }
}
