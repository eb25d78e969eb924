package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.BpmnElementType;
import cn.relief.engine.bpmn.ExecutableFlowNode;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.record.CompensationSubscriptionRecord;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.ElementState;
import java.util.ArrayList;
import java.util.List;

/**
 * Compensation: an activity with a compensation boundary event is remembered when it completes; a
 * compensation throw or end event then runs the handlers of the activities completed in its scope
 * (and in the scope's completed sub-processes), one after the other in reverse order of
 * completion, and completes when the last handler has.
 */
final class CompensationBehavior {
  private final StateTransitionBehavior transitions;

  CompensationBehavior(StateTransitionBehavior transitions) {
    this.transitions = transitions;
  }

  /** Called as an activity completes: remembers it if it can be compensated. */
  void onActivityCompleted(BpmnElementContext activity) {
    ExecutableFlowNode node = activity.element();
    if (node == null || node.compensationHandler() == null
        || activity.record().bpmnElementType() == BpmnElementType.MULTI_INSTANCE_BODY) {
      return;
    }
    CommandContext ctx = activity.command();
    List<Long> scopePath = new ArrayList<>();
    long scopeKey = activity.flowScopeKey();
    while (scopeKey > 0) {
      scopePath.add(scopeKey);
      ElementInstance scope = ctx.state().elementInstances().get(scopeKey);
      scopeKey = scope == null || scope.value().bpmnElementType() == BpmnElementType.PROCESS
          ? -1 : scope.value().flowScopeKey();
    }
    ctx.writer().appendEvent(ctx.state().keys().nextKey(), ValueType.COMPENSATION_SUBSCRIPTION,
        Intent.CompensationSubscription.CREATED, new CompensationSubscriptionRecord(activity.processInstanceKey(),
            activity.key(), node.id(), node.compensationHandler().id(), scopePath, -1, -1,
            activity.record().tenantId()));
  }

  /**
   * A compensation throw or end event was activated: starts the first handler. Returns false if
   * there is nothing to compensate (the event goes on at once).
   */
  boolean compensate(BpmnElementContext throwEvent) {
    return startNext(throwEvent.command(), throwEvent);
  }

  /** Called as an element completes: a finished handler lets the next one start, or the throw event go on. */
  void onHandlerCompleted(BpmnElementContext handler) {
    if (handler.element() == null || !handler.element().isForCompensation()) {
      return;
    }
    CommandContext ctx = handler.command();
    long subscriptionKey = ctx.state().compensations().ofHandlerInstance(handler.key());
    if (subscriptionKey <= 0) {
      return;
    }
    CompensationSubscriptionRecord subscription = ctx.state().compensations().get(subscriptionKey);
    ctx.writer().appendEvent(subscriptionKey, ValueType.COMPENSATION_SUBSCRIPTION,
        Intent.CompensationSubscription.COMPLETED, subscription);
    ElementInstance throwEvent = ctx.state().elementInstances().get(subscription.throwEventInstanceKey());
    if (throwEvent == null || throwEvent.state() != ElementState.ACTIVATED) {
      return;
    }
    BpmnElementContext throwContext = transitions.contextOf(ctx, throwEvent);
    ctx.schedule(() -> {
      if (!startNext(ctx, throwContext)) {
        transitions.completeElement(throwContext);
      }
    });
  }

  private boolean startNext(CommandContext ctx, BpmnElementContext throwEvent) {
    List<Long> pending = ctx.state().compensations().compensableWithin(
        throwEvent.processInstanceKey(), throwEvent.flowScopeKey());
    if (pending.isEmpty()) {
      return false;
    }
    long subscriptionKey = pending.get(pending.size() - 1); // the most recently completed first
    CompensationSubscriptionRecord subscription = ctx.state().compensations().get(subscriptionKey);
    ExecutableFlowNode handler = ctx.state().processes().byKey(throwEvent.record().processDefinitionKey())
        .executable().node(subscription.compensationHandlerId());
    ElementInstance scope = ctx.state().elementInstances().get(throwEvent.flowScopeKey());
    long handlerKey = transitions.activate(ctx, scope.key(), scope.value(), handler, handler.type());
    ctx.writer().appendEvent(subscriptionKey, ValueType.COMPENSATION_SUBSCRIPTION,
        Intent.CompensationSubscription.TRIGGERED, subscription.triggered(throwEvent.key(), handlerKey));
    return true;
  }
}
