package cn.relief.engine.state;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Deployed decisions and decision requirements graphs by key and by id and version. Like deployed
 * processes they are not part of snapshots: the appliers rebuild them from their records.
 */
public final class DecisionState {
  private final Map<Long, DeployedDecisionRequirements> requirementsByKey = new HashMap<>();
  private final Map<String, NavigableMap<Integer, DeployedDecisionRequirements>> requirementsById = new HashMap<>();
  private final Map<Long, DeployedDecision> decisionsByKey = new HashMap<>();
  private final Map<String, NavigableMap<Integer, DeployedDecision>> decisionsById = new HashMap<>();
  /** Per deployment the decision versions it held, unchanged ones included: for binding type "deployment". */
  private final Map<Long, Map<String, Long>> decisionKeysByDeployment = new HashMap<>();

  void putRequirements(DeployedDecisionRequirements requirements) {
    requirementsByKey.put(requirements.key(), requirements);
    requirementsById.computeIfAbsent(requirements.record().decisionRequirementsId(), id -> new TreeMap<>())
        .put(requirements.record().version(), requirements);
  }

  void putDecision(DeployedDecision decision) {
    decisionsByKey.put(decision.key(), decision);
    decisionsById.computeIfAbsent(decision.record().decisionId(), id -> new TreeMap<>())
        .put(decision.record().version(), decision);
  }

  void putDeployment(long deploymentKey, Map<String, Long> decisionKeysById) {
    if (!decisionKeysById.isEmpty()) {
      decisionKeysByDeployment.put(deploymentKey, Map.copyOf(decisionKeysById));
    }
  }

  public DeployedDecisionRequirements requirementsByKey(long key) {
    return requirementsByKey.get(key);
  }

  public DeployedDecisionRequirements latestRequirements(String decisionRequirementsId) {
    NavigableMap<Integer, DeployedDecisionRequirements> versions = requirementsById.get(decisionRequirementsId);
    return versions == null || versions.isEmpty() ? null : versions.lastEntry().getValue();
  }

  public DeployedDecision byKey(long key) {
    return decisionsByKey.get(key);
  }

  public DeployedDecision latest(String decisionId) {
    NavigableMap<Integer, DeployedDecision> versions = decisionsById.get(decisionId);
    return versions == null || versions.isEmpty() ? null : versions.lastEntry().getValue();
  }

  /** The version of the decision that the given deployment deployed (or found unchanged), or null. */
  public DeployedDecision inDeployment(String decisionId, long deploymentKey) {
    Long key = decisionKeysByDeployment.getOrDefault(deploymentKey, Map.of()).get(decisionId);
    if (key != null) {
      return decisionsByKey.get(key);
    }
    NavigableMap<Integer, DeployedDecision> versions = decisionsById.get(decisionId);
    if (versions == null) {
      return null;
    }
    for (DeployedDecision decision : versions.descendingMap().values()) {
      if (decision.record().deploymentKey() == deploymentKey) {
        return decision;
      }
    }
    return null;
  }

  /** The newest version of the decision carrying the version tag, or null. */
  public DeployedDecision latestWithVersionTag(String decisionId, String versionTag) {
    NavigableMap<Integer, DeployedDecision> versions = decisionsById.get(decisionId);
    if (versions == null || versionTag == null) {
      return null;
    }
    for (DeployedDecision decision : versions.descendingMap().values()) {
      if (versionTag.equals(decision.record().versionTag())) {
        return decision;
      }
    }
    return null;
  }

  /** The version of a decision that belongs to the given graph version, or null. */
  public DeployedDecision inRequirements(long decisionRequirementsKey, String decisionId) {
    NavigableMap<Integer, DeployedDecision> versions = decisionsById.get(decisionId);
    if (versions == null) {
      return null;
    }
    for (DeployedDecision decision : versions.descendingMap().values()) {
      if (decision.record().decisionRequirementsKey() == decisionRequirementsKey) {
        return decision;
      }
    }
    return null;
  }

  public int count() {
    return decisionsByKey.size();
  }
}
