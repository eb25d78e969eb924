package cn.relief.app.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys of a case (instances, jobs, user tasks, messages, incidents) and where each belongs,
 * to place the audit trail's entries, which name only the keys their command targeted.
 */
final class Origins {
  /** Target key names, most specific first: a correlation names the message and the instance. */
  private static final List<String> KEY_NAMES =
      List.of("userTaskKey", "jobKey", "incidentKey", "messageKey", "elementInstanceKey", "processInstanceKey");

  private final Map<Long, Origin> byKey = new HashMap<>();

  void put(Long key, Origin origin) {
    if (key != null) {
      byKey.putIfAbsent(key, origin);
    }
  }

  Set<Long> keys() {
    return byKey.keySet();
  }

  /** Where the entry's command acted, or null when none of its keys is the case's. */
  Origin of(AuditEntry entry) {
    for (String name : KEY_NAMES) {
      Long key = entry.targetKey(name);
      if (key != null && byKey.containsKey(key)) {
        return byKey.get(key);
      }
    }
    return null;
  }
}
