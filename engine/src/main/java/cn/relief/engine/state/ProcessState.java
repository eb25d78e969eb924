package cn.relief.engine.state;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Deployed process definitions by key and by BPMN process id and version. */
public final class ProcessState {
  private final Map<Long, DeployedProcess> byKey = new HashMap<>();
  private final Map<String, NavigableMap<Integer, DeployedProcess>> byId = new HashMap<>();

  public void put(DeployedProcess process) {
    byKey.put(process.key(), process);
    byId.computeIfAbsent(process.record().bpmnProcessId(), id -> new TreeMap<>())
        .put(process.record().version(), process);
  }

  public DeployedProcess byKey(long key) {
    return byKey.get(key);
  }

  public DeployedProcess latest(String bpmnProcessId) {
    NavigableMap<Integer, DeployedProcess> versions = byId.get(bpmnProcessId);
    return versions == null || versions.isEmpty() ? null : versions.lastEntry().getValue();
  }

  public DeployedProcess byIdAndVersion(String bpmnProcessId, int version) {
    NavigableMap<Integer, DeployedProcess> versions = byId.get(bpmnProcessId);
    return versions == null ? null : versions.get(version);
  }

  /** The version of a process deployed in the given deployment, or null. */
  public DeployedProcess byDeployment(String bpmnProcessId, long deploymentKey) {
    NavigableMap<Integer, DeployedProcess> versions = byId.get(bpmnProcessId);
    if (versions == null) {
      return null;
    }
    return versions.values().stream().filter(p -> p.record().deploymentKey() == deploymentKey).findFirst().orElse(null);
  }

  /** The latest version of a process carrying the given version tag, or null. */
  public DeployedProcess latestWithVersionTag(String bpmnProcessId, String versionTag) {
    NavigableMap<Integer, DeployedProcess> versions = byId.get(bpmnProcessId);
    if (versions == null) {
      return null;
    }
    return versions.descendingMap().values().stream()
        .filter(p -> versionTag.equals(p.executable().versionTag())).findFirst().orElse(null);
  }

  public int count() {
    return byKey.size();
  }
}
