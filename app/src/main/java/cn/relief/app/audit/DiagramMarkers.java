package cn.relief.app.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the diagram of an instance marks: the elements completed, active, terminated and with an
 * open incident, the sequence flows taken, and per element when and by whom it last ended (the
 * overlays). The page's script puts them on the bpmn-js canvas as CSS classes and overlays.
 */
record DiagramMarkers(Set<String> completed, Set<String> active, Set<String> terminated, Set<String> incidents,
    Set<String> flows, Map<String, String> overlays) {

  /**
   * @param steps the instance's element steps
   * @param incidentElements elements with an open incident
   */
  static DiagramMarkers of(String processId, List<TimelineStep> steps, Set<String> incidentElements,
      Set<String> flows) {
    Set<String> completed = new TreeSet<>();
    Set<String> active = new TreeSet<>();
    Set<String> terminated = new TreeSet<>();
    Map<String, String> overlays = new LinkedHashMap<>();
    for (TimelineStep step : steps) {
      if (step.kind() != TimelineStep.Kind.ELEMENT || step.elementId() == null
          || step.elementId().equals(processId)) {
        continue; // the process itself is the whole canvas, not a shape
      }
      switch (step.state() == null ? "" : step.state()) {
        case "COMPLETED" -> completed.add(step.elementId());
        case "ACTIVE" -> active.add(step.elementId());
        case "TERMINATED" -> terminated.add(step.elementId());
        default -> { }
      }
      // when and by whom, for the steps someone did and those still waiting: the engine's own steps
      // (gateways, events) would bury the diagram in times
      if (step.who() != null) {
        overlays.put(step.elementId(), (step.endedAt() != null ? step.endedAtText() : step.atText()) + " · " + step.who());
      } else if ("ACTIVE".equals(step.state())) {
        overlays.put(step.elementId(), step.atText());
      }
    }
    // an element passed once and active again (a loop) is shown active
    completed.removeAll(active);
    return new DiagramMarkers(completed, active, terminated, new TreeSet<>(incidentElements), new TreeSet<>(flows),
        overlays);
  }
}
