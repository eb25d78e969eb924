package cn.relief.engine.state;

import cn.relief.engine.record.IncidentRecord;
import java.util.HashMap;
import java.util.Map;

/** Open incidents by key, and which element instance or job each one blocks. */
public final class IncidentState {
  private final Map<Long, IncidentRecord> incidents = new HashMap<>();
  private final Map<Long, Long> byElementInstance = new HashMap<>();
  private final Map<Long, Long> byJob = new HashMap<>();

  public IncidentRecord get(long key) {
    return incidents.get(key);
  }

  /** The open incident key of an element instance (not job incidents), or -1. */
  public long ofElementInstance(long elementInstanceKey) {
    return byElementInstance.getOrDefault(elementInstanceKey, -1L);
  }

  public long ofJob(long jobKey) {
    return byJob.getOrDefault(jobKey, -1L);
  }

  public int count() {
    return incidents.size();
  }

  void created(long key, IncidentRecord incident) {
    incidents.put(key, incident);
    if (incident.jobKey() > 0) {
      byJob.put(incident.jobKey(), key);
    } else {
      byElementInstance.put(incident.elementInstanceKey(), key);
    }
  }

  void resolved(long key) {
    IncidentRecord incident = incidents.remove(key);
    if (incident != null) {
      byJob.remove(incident.jobKey(), key);
      byElementInstance.remove(incident.elementInstanceKey(), key);
    }
  }
  /** Every open incident, for snapshots. */
  public Map<Long, IncidentRecord> all() {
    return incidents;
  }
}
