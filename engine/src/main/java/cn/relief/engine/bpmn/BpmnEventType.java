package cn.relief.engine.bpmn;

/** The event definition of an event (or of a task that behaves like one), with Zeebe's names. */
public enum BpmnEventType {
  UNSPECIFIED,
  NONE,
  MESSAGE,
  TIMER,
  SIGNAL,
  ERROR,
  ESCALATION,
  TERMINATE,
  LINK,
  COMPENSATION
}
