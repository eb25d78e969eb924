package cn.relief.app.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds a case's timeline: every step in time order, each with who completed it. */
final class Timeline {
  /** The commands that complete an element on someone's behalf. */
  static final String USER_TASK_COMPLETION = "COMPLETE_USER_TASK";
  static final Set<String> COMPLETIONS = Set.of(USER_TASK_COMPLETION, "COMPLETE_JOB", "THROW_ERROR");

  private Timeline() {}

  static List<TimelineStep> build(List<TimelineStep> steps, List<AuditEntry> entries, Origins origins) {
    Map<Long, String> completedBy = completedBy(entries, origins);
    List<TimelineStep> timeline = new ArrayList<>();
    for (TimelineStep step : steps) {
      String who = step.elementInstanceKey() == null ? null : completedBy.get(step.elementInstanceKey());
      timeline.add(who == null || step.kind() != TimelineStep.Kind.ELEMENT ? step : step.withWho(who));
    }
    timeline.sort(Comparator.comparing(TimelineStep::at, Comparator.nullsLast(Comparator.naturalOrder())));
    return timeline;
  }

  /**
   * Element instance key to the caller whose accepted command completed it (the last one). A user
   * task's completion wins over its task listeners' jobs, which a worker completes after it.
   */
  static Map<Long, String> completedBy(List<AuditEntry> entries, Origins origins) {
    Map<Long, String> callers = new HashMap<>();
    Map<Long, String> taskCompleters = new HashMap<>();
    for (AuditEntry entry : entries) {
      if (!entry.accepted() || !COMPLETIONS.contains(entry.operation())) {
        continue;
      }
      Origin origin = origins.of(entry);
      if (origin != null && origin.elementInstanceKey() != null) {
        (USER_TASK_COMPLETION.equals(entry.operation()) ? taskCompleters : callers)
            .put(origin.elementInstanceKey(), entry.callerId());
      }
    }
    callers.putAll(taskCompleters);
    return callers;
  }
}
