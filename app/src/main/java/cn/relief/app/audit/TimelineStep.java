package cn.relief.app.audit;

import cn.relief.app.web.Times;
import java.time.OffsetDateTime;

/**
 * One line of a case's timeline: an element of an instance (with its start and end), a message
 * that reached it, or an incident. {@code who} is whoever completed the step (the audit trail's
 * caller; a task's assignee when the trail is not available).
 */
record TimelineStep(OffsetDateTime at, OffsetDateTime endedAt, Kind kind, String process, long processInstanceKey,
    String elementId, String name, String type, String state, String who, String detail, Long elementInstanceKey) {

  enum Kind { ELEMENT, MESSAGE, INCIDENT }

  TimelineStep withWho(String completedBy) {
    return new TimelineStep(at, endedAt, kind, process, processInstanceKey, elementId, name, type, state, completedBy,
        detail, elementInstanceKey);
  }

  public String atText() {
    return Times.format(at);
  }

  public String endedAtText() {
    return Times.format(endedAt);
  }

  /** The element's name, its id when it has none. */
  public String label() {
    return name == null || name.isBlank() ? elementId : name;
  }
}
