package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.BpmnEventType;
import cn.relief.engine.feel.EvaluationResult;
import cn.relief.engine.feel.Expression;
import cn.relief.engine.processing.CommandContext;
import java.util.Map;

/**
 * End events and intermediate throw events, by their event definition: none (pass through),
 * message (job-based), signal (broadcast), escalation (caught or not, the token goes on unless an
 * interrupting catch ends it), error (caught, or an incident), terminate (ends its scope), link
 * (jumps to the catch event), compensation (runs the handlers of completed activities).
 */
final class ThrowEventProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;
  private final JobWorkerProcessor jobBased;

  ThrowEventProcessor(BpmnBehaviors behaviors, JobWorkerProcessor jobBased) {
    this.behaviors = behaviors;
    this.jobBased = jobBased;
  }

  @Override
  public void onActivate(BpmnElementContext element) {
    BpmnEventType type = element.element().eventType();
    if (type == BpmnEventType.MESSAGE) {
      jobBased.onActivate(element);
      return;
    }
    if (!behaviors.mappings().applyInputs(element)) {
      return;
    }
    CommandContext ctx = element.command();
    switch (type) {
      case ERROR -> {
        String code = evaluate(element, element.element().errorCode());
        if (code == null) {
          return;
        }
        // thrown while still activating: a catch terminates this event with its scope; without a
        // catch the incident retries the throw once resolved
        if (!behaviors.throwing().throwError(ctx, element.key(), code, Map.of())) {
          behaviors.incidents().raiseElementIncident(element, ErrorType.UNHANDLED_ERROR_EVENT, String.format(
              "Expected to throw an error event with the code '%s', but it was not caught. "
                  + "No error events are available in the scope.", code), IncidentBehavior.RetryStep.ACTIVATE);
        }
        return;
      }
      case ESCALATION -> {
        String code = evaluate(element, element.element().escalationCode());
        if (code == null) {
          return;
        }
        behaviors.transitions().transitionToActivated(element);
        if (behaviors.throwing().throwEscalation(element, code) == ThrowEventBehavior.Outcome.CAUGHT_INTERRUPTING) {
          return; // the catching event terminated the scope, and this event with it
        }
      }
      case SIGNAL -> {
        String name = evaluate(element, element.element().signalName());
        if (name == null) {
          return;
        }
        behaviors.transitions().transitionToActivated(element);
        behaviors.triggers().broadcastSignal(ctx, name, Map.of(), element.record().tenantId());
      }
      case COMPENSATION -> {
        behaviors.transitions().transitionToActivated(element);
        if (behaviors.compensation().compensate(element)) {
          return; // completes once the last compensation handler has (see CompensationBehavior)
        }
      }
      default -> behaviors.transitions().transitionToActivated(element);
    }
    var instance = ctx.state().elementInstances().get(element.key());
    if (instance != null && instance.state() == cn.relief.engine.state.ElementState.ACTIVATED) {
      behaviors.transitions().completeElement(element);
    }
  }

  private String evaluate(BpmnElementContext element, Expression expression) {
    EvaluationResult result = behaviors.expressions().evaluateString(
        expression, behaviors.variables().visible(element.command().state(), element.key()));
    if (result.isFailure()) {
      behaviors.incidents().raiseElementIncident(
          element, ErrorType.EXTRACT_VALUE_ERROR, result.failure(), IncidentBehavior.RetryStep.ACTIVATE);
      return null;
    }
    return (String) result.value();
  }

  @Override
  public void onComplete(BpmnElementContext element) {
    if (element.element().eventType() != BpmnEventType.TERMINATE) {
      behaviors.completeWithOutputMappings(element);
      return;
    }
    if (!behaviors.mappings().applyOutputs(element)) {
      return;
    }
    // a terminate end event ends everything else in its scope, and the scope completes
    CommandContext ctx = element.command();
    behaviors.transitions().transitionToCompleted(element);
    var scope = ctx.state().elementInstances().get(element.flowScopeKey());
    BpmnElementContext scopeContext = behaviors.transitions().contextOf(ctx, scope);
    ctx.continuations().afterChildrenEnded(scope.key(),
        () -> ctx.schedule(() -> behaviors.transitions().completeElement(scopeContext)));
    if (!behaviors.transitions().terminateChildren(ctx, scope.key())) {
      ctx.continuations().takeAfterChildrenEnded(scope.key());
      ctx.schedule(() -> behaviors.transitions().completeElement(scopeContext));
    }
  }

  @Override
  public void onTerminate(BpmnElementContext element) {
    behaviors.terminateLeaf(element);
  }
}
