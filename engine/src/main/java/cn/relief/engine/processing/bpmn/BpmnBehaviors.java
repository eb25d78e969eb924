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
    ProcessResultListener results,
    EventSubscriptionBehavior subscriptions,
    EventTriggerBehavior triggers,
    ThrowEventBehavior throwing,
    MultiInstanceBehavior multiInstance,
    MessageCorrelationBehavior messageCorrelation,
    CompensationBehavior compensation) {

  /**
   * The activation step shared by activities: input mappings, then the subscriptions of boundary
   * events and event sub-processes. False (with an incident raised) if either failed.
   */
  boolean prepareActivation(BpmnElementContext element) {
    if (!mappings.applyInputs(element)) {
      return false;
    }
    String failure = subscriptions.subscribe(element);
    if (failure != null) {
      incidents.raiseElementIncident(element, ErrorType.EXTRACT_VALUE_ERROR, failure, IncidentBehavior.RetryStep.ACTIVATE);
      return false;
    }
    return true;
  }

  /**
   * The usual completion step: the multi-instance output of an inner instance, output mappings
   * (an incident if they fail), COMPLETED, outgoing flows.
   */
  void completeWithOutputMappings(BpmnElementContext element) {
    if (multiInstance.beforeInnerCompleted(element) && mappings.applyOutputs(element)) {
      transitions.transitionToCompleted(element);
      transitions.takeOutgoingFlows(element);
    }
  }

  /** Termination of an element without children: resolve its incidents and cancel its job. */
  void terminateLeaf(BpmnElementContext element) {
    var instance = element.command().state().elementInstances().get(element.key());
    long jobKey = instance == null ? -1 : instance.jobKey();
    incidents.resolveAll(element.command(), element.key(), jobKey);
    jobs.cancelJob(element.command(), jobKey);
    transitions.transitionToTerminated(element);
  }

  /** Termination of a scope: terminate the children first; called again without children to finish. */
  void terminateScope(BpmnElementContext element) {
    incidents.resolveAll(element.command(), element.key(), -1);
    if (!transitions.terminateChildren(element.command(), element.key())) {
      transitions.transitionToTerminated(element);
    }
  }
}
