package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.ExecutableSequenceFlow;
import cn.relief.engine.feel.EvaluationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An inclusive gateway forks on every outgoing flow whose condition is true (else the default
 * flow); as a join it waits only for tokens that can still arrive (see
 * {@link StateTransitionBehavior#activateInclusiveJoins}).
 */
final class InclusiveGatewayProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;

  InclusiveGatewayProcessor(BpmnBehaviors behaviors) {
    this.behaviors = behaviors;
  }

  @Override
  public void onActivate(BpmnElementContext element) {
    List<ExecutableSequenceFlow> outgoing = element.element().outgoing();
    List<ExecutableSequenceFlow> taken = new ArrayList<>();
    if (outgoing.size() == 1 && outgoing.get(0).condition() == null) {
      taken.add(outgoing.get(0));
    } else if (!outgoing.isEmpty()) {
      Map<String, Object> variables = behaviors.variables().visible(element.command().state(), element.flowScopeKey());
      for (ExecutableSequenceFlow flow : outgoing) {
        if (flow == element.element().defaultFlow() || flow.condition() == null) {
          continue;
        }
        EvaluationResult result = behaviors.expressions().evaluateBoolean(flow.condition(), variables);
        if (result.isFailure()) {
          behaviors.incidents().raiseElementIncident(
              element, ErrorType.EXTRACT_VALUE_ERROR, result.failure(), IncidentBehavior.RetryStep.ACTIVATE);
          return;
        }
        if (Boolean.TRUE.equals(result.value())) {
          taken.add(flow);
        }
      }
      if (taken.isEmpty() && element.element().defaultFlow() != null) {
        taken.add(element.element().defaultFlow());
      }
      if (taken.isEmpty()) {
        behaviors.incidents().raiseElementIncident(element, ErrorType.CONDITION_ERROR,
            "Expected at least one condition to evaluate to true, or to have a default flow, but no condition of the "
                + "outgoing flows of '" + element.elementId() + "' was true and it has no default flow",
            IncidentBehavior.RetryStep.ACTIVATE);
        return;
      }
    }
    behaviors.transitions().transitionToActivated(element);
    behaviors.transitions().completeElementWith(element, taken);
  }

  @Override
  public void onComplete(BpmnElementContext element) {
    throw new IllegalStateException("An inclusive gateway completes in its activation step");
  }

  @Override
  public void onTerminate(BpmnElementContext element) {
    behaviors.terminateLeaf(element);
  }
}
