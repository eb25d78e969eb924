package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.BpmnElementType;
import cn.relief.engine.bpmn.ExecutableFlowNode;
import cn.relief.engine.bpmn.ExecutableSequenceFlow;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.ProcessInstanceRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.ElementState;
import java.util.List;
import java.util.Map;

/**
 * Moves element instances through their lifecycle (checking each transition), takes sequence
 * flows, and completes or terminates a flow scope once its last child has ended.
 */
public final class StateTransitionBehavior {
  private final BpmnElementProcessors processors;

  StateTransitionBehavior(BpmnElementProcessors processors) {
    this.processors = processors;
  }

  public void transitionToActivated(BpmnElementContext element) {
    transition(element, ElementState.ACTIVATING, ElementState.ACTIVATED, Intent.ProcessInstance.ELEMENT_ACTIVATED);
  }

  public void transitionToCompleted(BpmnElementContext element) {
    transition(element, ElementState.COMPLETING, ElementState.COMPLETED, Intent.ProcessInstance.ELEMENT_COMPLETED);
  }

  public void transitionToTerminated(BpmnElementContext element) {
    transition(element, ElementState.TERMINATING, ElementState.TERMINATED, Intent.ProcessInstance.ELEMENT_TERMINATED);
    onChildEnded(element);
  }

  /** ACTIVATED -> COMPLETING, then the element's completion behaviour, in the same command. */
  public void completeElement(BpmnElementContext element) {
    transition(element, ElementState.ACTIVATED, ElementState.COMPLETING, Intent.ProcessInstance.ELEMENT_COMPLETING);
    processors.onComplete(element);
  }

  /** Completes an element that decides its own outgoing flow (a gateway), then takes it. */
  public void completeElementWith(BpmnElementContext element, ExecutableSequenceFlow flow) {
    transition(element, ElementState.ACTIVATED, ElementState.COMPLETING, Intent.ProcessInstance.ELEMENT_COMPLETING);
    transitionToCompleted(element);
    if (flow == null) {
      onChildEnded(element);
    } else {
      takeSequenceFlow(element, flow);
    }
  }

  /** Any active state -> TERMINATING, then the element's termination behaviour. */
  public void terminateElement(BpmnElementContext element) {
    ElementInstance instance = element.command().state().elementInstances().get(element.key());
    if (instance == null || !instance.state().isActive()) {
      return;
    }
    write(element, Intent.ProcessInstance.ELEMENT_TERMINATING);
    processors.onTerminate(element);
  }

  /** After the element completed: takes all outgoing flows, or lets the flow scope finish. */
  public void takeOutgoingFlows(BpmnElementContext element) {
    List<ExecutableSequenceFlow> outgoing = element.element().outgoing();
    if (outgoing.isEmpty()) {
      onChildEnded(element);
      return;
    }
    for (ExecutableSequenceFlow flow : outgoing) {
      takeSequenceFlow(element, flow);
    }
  }

  public void takeSequenceFlow(BpmnElementContext element, ExecutableSequenceFlow flow) {
    CommandContext ctx = element.command();
    ProcessInstanceRecord flowRecord =
        element.record().withElement(flow.id(), BpmnElementType.SEQUENCE_FLOW, element.flowScopeKey());
    ctx.writer().appendEvent(ctx.state().keys().nextKey(), ValueType.PROCESS_INSTANCE,
        Intent.ProcessInstance.SEQUENCE_FLOW_TAKEN, flowRecord);
    ExecutableFlowNode target = flow.target();
    if (target.type() == BpmnElementType.PARALLEL_GATEWAY && target.incoming().size() > 1) {
      ElementInstance flowScope = ctx.state().elementInstances().get(element.flowScopeKey());
      Map<String, Integer> tokens = flowScope.joinTokens(target.id());
      if (tokens.size() < target.incoming().size()) {
        return; // the join waits for a token on every incoming flow
      }
    }
    activateChild(ctx, element.flowScopeKey(), element.record(), target);
  }

  /** Creates an element instance of {@code node} inside the flow scope and activates it. */
  public void activateChild(CommandContext ctx, long flowScopeKey, ProcessInstanceRecord scopeRecord, ExecutableFlowNode node) {
    long key = ctx.state().keys().nextKey();
    ProcessInstanceRecord record = scopeRecord.withElement(node.id(), node.type(), flowScopeKey);
    ctx.writer().appendEvent(key, ValueType.PROCESS_INSTANCE, Intent.ProcessInstance.ELEMENT_ACTIVATING, record);
    BpmnElementContext child = new BpmnElementContext(ctx, key, record, node);
    ctx.schedule(() -> processors.onActivate(child));
  }

  /** When a child ended: a flow scope with no active children and no waiting tokens finishes. */
  private void onChildEnded(BpmnElementContext child) {
    CommandContext ctx = child.command();
    ElementInstance flowScope = ctx.state().elementInstances().get(child.flowScopeKey());
    if (flowScope == null || flowScope.activeChildren() > 0) {
      return;
    }
    BpmnElementContext scope = processors.contextOf(ctx, flowScope);
    if (flowScope.state() == ElementState.ACTIVATED && !flowScope.hasWaitingTokens()) {
      ctx.schedule(() -> completeElement(scope));
    } else if (flowScope.state() == ElementState.TERMINATING) {
      // the scope's own termination step runs again, now without children, and finishes it
      ctx.schedule(() -> processors.onTerminate(scope));
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
