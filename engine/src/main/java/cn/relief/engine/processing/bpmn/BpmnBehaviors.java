package cn.relief.engine.processing.bpmn;

import cn.relief.engine.feel.ExpressionLanguage;

/** The shared behaviour every element processor may use, injected as one bundle. */
record BpmnBehaviors(
    ExpressionLanguage expressions,
    StateTransitionBehavior transitions,
    VariableBehavior variables,
    IncidentBehavior incidents,
    MappingBehavior mappings,
    JobBehavior jobs,
    ProcessResultListener results) {

  /** The usual completion step: output mappings (an incident if they fail), COMPLETED, outgoing flows. */
  void completeWithOutputMappings(BpmnElementContext element) {
    if (mappings.applyOutputs(element)) {
      transitions.transitionToCompleted(element);
      transitions.takeOutgoingFlows(element);
    }
  }
}
