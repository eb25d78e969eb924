package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.ExecutableSequenceFlow;
import cn.relief.engine.feel.EvaluationResult;
import java.util.List;
import java.util.Map;

/**
 * An exclusive gateway takes the first outgoing flow whose condition is true, else the default
 * flow; with neither, the token stops at an incident until someone fixes the data.
 */
final class ExclusiveGatewayProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;

  ExclusiveGatewayProcessor(BpmnBehaviors behaviors) {
    this.behaviors = behaviors;
  }

  @Override
  public void onActivate(BpmnElementContext element) {
    ExecutableSequenceFlow chosen = null;
    if (!element.element().outgoing().isEmpty()) {
      Map<String, Object> variables = behaviors.variables().visible(element.command().state(), element.flowScopeKey());
      for (ExecutableSequenceFlow flow : element.element().outgoing()) {
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
          chosen = flow;
          break;
        }
      }
      if (chosen == null && element.element().outgoing().size() == 1 && element.element().outgoing().get(0).condition() == null) {
        chosen = element.element().outgoing().get(0);
      }
      if (chosen == null) {
        chosen = element.element().defaultFlow();
      }
      if (chosen == null) {
        behaviors.incidents().raiseElementIncident(element, ErrorType.CONDITION_ERROR,
            "Expected at least one condition to evaluate to true, or to have a default flow, but no condition of the "
                + "outgoing flows of '" + element.elementId() + "' was true and it has no default flow",
            IncidentBehavior.RetryStep.ACTIVATE);
        return;
      }
    }
    behaviors.transitions().transitionToActivated(element);
    behaviors.transitions().completeElementWith(element, chosen == null ? List.of() : List.of(chosen));
  }

  @Override
  public void onComplete(BpmnElementContext element) {
    throw new IllegalStateException("An exclusive gateway completes in its activation step");
  }

  @Override
  public void onTerminate(BpmnElementContext element) {
    behaviors.terminateLeaf(element);
  }
}
