package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.BpmnElementType;
import cn.relief.engine.bpmn.BpmnEventType;
import cn.relief.engine.bpmn.ExecutableFlowNode;
import cn.relief.engine.bpmn.ExecutableSequenceFlow;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.ProcessInstanceRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.ElementState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Moves element instances through their lifecycle (checking each transition), takes sequence
 * flows (with parallel and inclusive joins), and completes or terminates a flow scope once its
 * last child has ended. Leaving an element closes its event subscriptions.
 */
public final class StateTransitionBehavior {
  private final BpmnElementProcessors processors;
  private EventSubscriptionBehavior subscriptions;
  private CompensationBehavior compensation;

  StateTransitionBehavior(BpmnElementProcessors processors) {
    this.processors = processors;
  }

  void setSubscriptions(EventSubscriptionBehavior subscriptions) {
    this.subscriptions = subscriptions;
  }

  void setCompensation(CompensationBehavior compensation) {
    this.compensation = compensation;
  }

  public void transitionToActivated(BpmnElementContext element) {
    transition(element, ElementState.ACTIVATING, ElementState.ACTIVATED, Intent.ProcessInstance.ELEMENT_ACTIVATED);
  }

  public void transitionToCompleted(BpmnElementContext element) {
    subscriptions.unsubscribe(element.command(), element.key());
    transition(element, ElementState.COMPLETING, ElementState.COMPLETED, Intent.ProcessInstance.ELEMENT_COMPLETED);
    compensation.onActivityCompleted(element);
    compensation.onHandlerCompleted(element);
  }

  public void transitionToTerminated(BpmnElementContext element) {
    subscriptions.unsubscribe(element.command(), element.key());
    transition(element, ElementState.TERMINATING, ElementState.TERMINATED, Intent.ProcessInstance.ELEMENT_TERMINATED);
    Runnable next = element.command().continuations().takeAfterTerminated(element.key());
    if (next != null) {
      next.run(); // e.g. activates the interrupting boundary event, before the scope looks at its children
    }
    onChildEnded(element, false);
  }

  /** ACTIVATED -> COMPLETING, then the element's completion behaviour, in the same command. */
  public void completeElement(BpmnElementContext element) {
    transition(element, ElementState.ACTIVATED, ElementState.COMPLETING, Intent.ProcessInstance.ELEMENT_COMPLETING);
    processors.onComplete(element);
  }

  /** Completes an element that decides its own outgoing flows (a gateway), then takes them. */
  public void completeElementWith(BpmnElementContext element, List<ExecutableSequenceFlow> flows) {
    transition(element, ElementState.ACTIVATED, ElementState.COMPLETING, Intent.ProcessInstance.ELEMENT_COMPLETING);
    transitionToCompleted(element);
    if (flows.isEmpty()) {
      onChildEnded(element, true);
    } else {
      flows.forEach(flow -> takeSequenceFlow(element, flow));
    }
  }

  BpmnElementContext contextOf(CommandContext ctx, ElementInstance instance) {
    return processors.contextOf(ctx, instance);
  }

  /** ACTIVATED -> COMPLETING -> COMPLETED; the caller decides where the token goes. */
  void completeWithoutFlows(BpmnElementContext element) {
    transition(element, ElementState.ACTIVATED, ElementState.COMPLETING, Intent.ProcessInstance.ELEMENT_COMPLETING);
    transitionToCompleted(element);
  }

  /** Any active state -> TERMINATING, then the element's termination behaviour. */
  public void terminateElement(BpmnElementContext element) {
    ElementInstance instance = element.command().state().elementInstances().get(element.key());
    if (instance == null || !instance.state().isActive() || instance.state() == ElementState.TERMINATING) {
      return;
    }
    write(element, Intent.ProcessInstance.ELEMENT_TERMINATING);
    processors.onTerminate(element);
  }

  /** Terminates every active child of a scope; returns false if it had none. */
  public boolean terminateChildren(CommandContext ctx, long scopeKey) {
    ElementInstance scope = ctx.state().elementInstances().get(scopeKey);
    if (scope == null || scope.activeChildren() == 0) {
      return false;
    }
    for (long childKey : List.copyOf(scope.children())) {
      ElementInstance child = ctx.state().elementInstances().get(childKey);
      if (child != null) {
        terminateElement(processors.contextOf(ctx, child));
      }
    }
    return true;
  }

  /** After the element completed: takes all outgoing flows, or lets the flow scope finish. */
  public void takeOutgoingFlows(BpmnElementContext element) {
    ExecutableFlowNode node = element.element();
    if (node.loop() != null && element.record().bpmnElementType() != BpmnElementType.MULTI_INSTANCE_BODY) {
      onChildEnded(element, true); // an inner instance of a multi-instance body: the body goes on
      return;
    }
    if (node.linkTarget() != null) {
      activateChild(element.command(), element.flowScopeKey(), element.record(), node.linkTarget());
      return;
    }
    List<ExecutableSequenceFlow> outgoing = node.outgoing();
    if (outgoing.isEmpty()) {
      onChildEnded(element, true);
      return;
    }
    for (ExecutableSequenceFlow flow : outgoing) {
      takeSequenceFlow(element, flow);
    }
  }

  public void takeSequenceFlow(BpmnElementContext element, ExecutableSequenceFlow flow) {
    CommandContext ctx = element.command();
    writeSequenceFlowTaken(element, flow);
    ExecutableFlowNode target = flow.target();
    if (target.incoming().size() > 1 && target.type() == BpmnElementType.PARALLEL_GATEWAY) {
      ElementInstance flowScope = ctx.state().elementInstances().get(element.flowScopeKey());
      Map<String, Integer> tokens = flowScope.joinTokens(target.id());
      if (tokens.size() < target.incoming().size()) {
        return; // the join waits for a token on every incoming flow
      }
    } else if (target.incoming().size() > 1 && target.type() == BpmnElementType.INCLUSIVE_GATEWAY) {
      // checked once the other flows of this step are taken and their targets activated
      long scopeKey = element.flowScopeKey();
      ctx.schedule(() -> activateInclusiveJoins(ctx, scopeKey));
      return;
    }
    activateChild(ctx, element.flowScopeKey(), element.record(), target);
  }

  void writeSequenceFlowTaken(BpmnElementContext element, ExecutableSequenceFlow flow) {
    CommandContext ctx = element.command();
    ProcessInstanceRecord flowRecord = element.record().withElement(
        flow.id(), BpmnElementType.SEQUENCE_FLOW, BpmnEventType.UNSPECIFIED, element.flowScopeKey());
    ctx.writer().appendEvent(ctx.state().keys().nextKey(), ValueType.PROCESS_INSTANCE,
        Intent.ProcessInstance.SEQUENCE_FLOW_TAKEN, flowRecord);
  }

  /**
   * Creates an element instance of {@code node} inside the flow scope and activates it (as a
   * multi-instance body if the element has loop characteristics). Returns its key.
   */
  public long activateChild(CommandContext ctx, long flowScopeKey, ProcessInstanceRecord scopeRecord, ExecutableFlowNode node) {
    BpmnElementType type = node.loop() != null ? BpmnElementType.MULTI_INSTANCE_BODY : node.type();
    return activate(ctx, flowScopeKey, scopeRecord, node, type);
  }

  /** Creates an element instance of the given kind and schedules its activation step. */
  long activate(CommandContext ctx, long flowScopeKey, ProcessInstanceRecord scopeRecord, ExecutableFlowNode node,
      BpmnElementType type) {
    long key = ctx.state().keys().nextKey();
    ProcessInstanceRecord record = scopeRecord.withElement(node.id(), type, node.eventType(), flowScopeKey);
    ctx.writer().appendEvent(key, ValueType.PROCESS_INSTANCE, Intent.ProcessInstance.ELEMENT_ACTIVATING, record);
    BpmnElementContext child = new BpmnElementContext(ctx, key, record, node);
    ctx.schedule(() -> processors.onActivate(child));
    return key;
  }

  /** When a child ended: a flow scope with nothing left in it finishes, or goes on as its kind says. */
  void onChildEnded(BpmnElementContext child, boolean completed) {
    CommandContext ctx = child.command();
    ElementInstance flowScope = ctx.state().elementInstances().get(child.flowScopeKey());
    if (flowScope == null) {
      return;
    }
    BpmnElementContext scope = processors.contextOf(ctx, flowScope);
    if (flowScope.state() == ElementState.TERMINATING) {
      if (flowScope.activeChildren() == 0) {
        // the scope's own termination step runs again, now without children, and finishes it
        ctx.schedule(() -> processors.onTerminate(scope));
      }
      return;
    }
    if (flowScope.state() != ElementState.ACTIVATED) {
      return;
    }
    if (flowScope.activeChildren() == 0) {
      Runnable next = ctx.continuations().takeAfterChildrenEnded(flowScope.key());
      if (next != null) {
        next.run();
        return;
      }
    } else if (ctx.continuations().awaitsChildrenEnded(flowScope.key())) {
      return;
    }
    if (processors.onChildEnded(scope, child, completed)) {
      return;
    }
    if (flowScope.activeChildren() == 0 && !flowScope.hasWaitingTokens()) {
      ctx.schedule(() -> completeIfStillActivated(scope));
    } else if (flowScope.hasWaitingTokens()) {
      ctx.schedule(() -> activateInclusiveJoins(ctx, flowScope.key()));
    }
  }

  void completeIfStillActivated(BpmnElementContext scope) {
    ElementInstance instance = scope.command().state().elementInstances().get(scope.key());
    if (instance != null && instance.state() == ElementState.ACTIVATED && instance.activeChildren() == 0) {
      completeElement(scope);
    }
  }

  /**
   * Activates each inclusive join of the scope that holds tokens and that no other token can
   * reach any more: neither an active element nor a token waiting at another join.
   */
  void activateInclusiveJoins(CommandContext ctx, long scopeKey) {
    ElementInstance scope = ctx.state().elementInstances().get(scopeKey);
    if (scope == null || scope.state() != ElementState.ACTIVATED || !scope.hasWaitingTokens()) {
      return;
    }
    BpmnElementContext scopeContext = processors.contextOf(ctx, scope);
    var executable = ctx.state().processes().byKey(scope.value().processDefinitionKey()).executable();
    List<String> ready = new ArrayList<>();
    for (String gatewayId : scope.allJoinTokens().keySet()) {
      ExecutableFlowNode join = executable.node(gatewayId);
      if (join.type() != BpmnElementType.INCLUSIVE_GATEWAY) {
        continue;
      }
      boolean reachable = false;
      for (long childKey : scope.children()) {
        ElementInstance child = ctx.state().elementInstances().get(childKey);
        if (child != null && join.reachableFrom().contains(child.value().elementId())) {
          reachable = true;
          break;
        }
      }
      for (String other : scope.allJoinTokens().keySet()) {
        if (!other.equals(gatewayId) && join.reachableFrom().contains(other)) {
          reachable = true;
        }
      }
      if (!reachable) {
        ready.add(gatewayId);
      }
    }
    for (String gatewayId : ready) {
      activateChild(ctx, scopeKey, scopeContext.record(), executable.node(gatewayId));
    }
  }

  private void transition(BpmnElementContext element, ElementState expected, ElementState target, Intent.ProcessInstance intent) {
    ElementInstance instance = element.command().state().elementInstances().get(element.key());
    ElementState actual = instance == null ? null : instance.state();
    if (actual != expected) {
      throw new IllegalStateException(String.format(
          "Expected to take transition to '%s' on element '%s' (key %d) in state '%s', but it is in state '%s'",
          target, element.elementId(), element.key(), expected, actual));
    }
    write(element, intent);
  }

  private void write(BpmnElementContext element, Intent.ProcessInstance intent) {
    element.command().writer().appendEvent(element.key(), ValueType.PROCESS_INSTANCE, intent, element.record());
  }
}
