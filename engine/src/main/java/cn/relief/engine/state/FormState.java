package cn.relief.engine.state;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Deployed forms by key, by id and version, and per deployment (for binding type "deployment").
 * Like processes and decisions they are not in snapshots: the appliers rebuild them from FORM records.
 */
public final class FormState {
  private final Map<Long, DeployedForm> byKey = new HashMap<>();
  private final Map<String, NavigableMap<Integer, DeployedForm>> byId = new HashMap<>();
  private final Map<Long, Map<String, Long>> keysByDeployment = new HashMap<>();

  void put(DeployedForm form) {
    byKey.put(form.key(), form);
    byId.computeIfAbsent(form.record().formId(), id -> new TreeMap<>()).put(form.record().version(), form);
  }

  void putDeployment(long deploymentKey, Map<String, Long> formKeysById) {
    if (!formKeysById.isEmpty()) {
      keysByDeployment.put(deploymentKey, Map.copyOf(formKeysById));
    }
  }

  public DeployedForm byKey(long key) {
    return byKey.get(key);
  }

  public DeployedForm latest(String formId) {
    NavigableMap<Integer, DeployedForm> versions = byId.get(formId);
    return versions == null || versions.isEmpty() ? null : versions.lastEntry().getValue();
  }

  /** The version the given deployment deployed (or found unchanged), or null. */
  public DeployedForm inDeployment(String formId, long deploymentKey) {
    Long key = keysByDeployment.getOrDefault(deploymentKey, Map.of()).get(formId);
    return key == null ? null : byKey.get(key);
  }

  /** The newest version carrying the version tag, or null. */
  public DeployedForm withVersionTag(String formId, String versionTag) {
    NavigableMap<Integer, DeployedForm> versions = byId.get(formId);
    if (versions == null) {
      return null;
    }
    for (DeployedForm form : versions.descendingMap().values()) {
      if (versionTag.equals(form.record().versionTag())) {
        return form;
      }
    }
    return null;
  }
}
