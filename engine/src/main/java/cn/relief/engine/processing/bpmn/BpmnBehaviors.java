package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.ExecutableSequenceFlow;
import cn.relief.engine.feel.EvaluationResult;
import cn.relief.engine.feel.ExpressionLanguage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

  /** Activation failed after the subscriptions were opened: close them, raise an incident that retries it. */
  void failActivation(BpmnElementContext element, ErrorType type, String message) {
    subscriptions.unsubscribe(element.command(), element.key());
    incidents.raiseElementIncident(element, type, message, IncidentBehavior.RetryStep.ACTIVATE);
  }

  /** Work the engine did itself (a script, a decision): ACTIVATED, the result variable set, completed. */
  void completeWithResult(BpmnElementContext element, String resultVariable, Object value) {
    transitions.transitionToActivated(element);
    Map<String, Object> output = new HashMap<>();
    output.put(resultVariable, value);
    triggers.applyEventVariables(element, output);
    transitions.completeElement(element);
  }

  /**
   * The outgoing flows of a gateway whose conditions are true (only the first with {@code firstOnly}),
   * else its default flow; null, with an incident raised, if a condition fails or none applies.
   */
  List<ExecutableSequenceFlow> chooseFlows(BpmnElementContext gateway, boolean firstOnly) {
    List<ExecutableSequenceFlow> outgoing = gateway.element().outgoing();
    if (outgoing.size() <= 1 && (outgoing.isEmpty() || outgoing.get(0).condition() == null)) {
      return outgoing;
    }
    Map<String, Object> context = variables.visible(gateway.command().state(), gateway.flowScopeKey());
    List<ExecutableSequenceFlow> chosen = new ArrayList<>();
    for (ExecutableSequenceFlow flow : outgoing) {
      if (flow == gateway.element().defaultFlow() || flow.condition() == null) {
        continue;
      }
      EvaluationResult result = expressions.evaluateBoolean(flow.condition(), context);
      if (result.isFailure()) {
        incidents.raiseElementIncident(
            gateway, ErrorType.EXTRACT_VALUE_ERROR, result.failure(), IncidentBehavior.RetryStep.ACTIVATE);
        return null;
      }
      if (Boolean.TRUE.equals(result.value())) {
        chosen.add(flow);
        if (firstOnly) {
          break;
        }
      }
    }
    if (chosen.isEmpty() && gateway.element().defaultFlow() != null) {
      chosen.add(gateway.element().defaultFlow());
    }
    if (chosen.isEmpty()) {
      incidents.raiseElementIncident(gateway, ErrorType.CONDITION_ERROR,
          "Expected at least one condition to evaluate to true, or to have a default flow, but no condition of the "
              + "outgoing flows of '" + gateway.elementId() + "' was true and it has no default flow",
          IncidentBehavior.RetryStep.ACTIVATE);
      return null;
    }
    return chosen;
  }

  /**
   * The usual completion step: output mappings (an incident if they fail), the multi-instance
   * output of an inner instance, COMPLETED, outgoing flows.
   */
  void completeWithOutputMappings(BpmnElementContext element) {
    if (mappings.applyOutputs(element) && multiInstance.beforeInnerCompleted(element)) {
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
