package cn.relief.engine.processing.bpmn;

/**
 * The behaviour of one BPMN element kind at each step of its lifecycle. Each method is called
 * with the element instance in the matching state (ACTIVATING, COMPLETING, TERMINATING) and must
 * either move it on or raise an incident.
 */
interface BpmnElementProcessor {
  void onActivate(BpmnElementContext element);

  void onComplete(BpmnElementContext element);

  /**
   * Terminates the element. A flow scope with active children terminates them first; this method
   * is then called again once its last child has terminated, to finish the scope itself.
   */
  void onTerminate(BpmnElementContext element);

  /**
   * A child of this (active) scope ended. Returns true if the element handled it itself (a
   * multi-instance body); otherwise the scope completes once nothing is left in it.
   */
  default boolean onChildEnded(BpmnElementContext scope, BpmnElementContext child, boolean completed) {
    return false;
  }
}
