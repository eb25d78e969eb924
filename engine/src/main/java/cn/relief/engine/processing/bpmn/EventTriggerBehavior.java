package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.BpmnElementType;
import cn.relief.engine.bpmn.ExecutableFlowNode;
import cn.relief.engine.bpmn.ExecutableSequenceFlow;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.MessageSubscriptionRecord;
import cn.relief.engine.record.ProcessInstanceRecord;
import cn.relief.engine.record.SignalRecord;
import cn.relief.engine.record.SignalSubscriptionRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.DeployedProcess;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.ElementState;
import java.util.Map;

/**
 * What happens when a message, timer, signal, error or escalation reaches the element instance
 * that waits for it: a catch event completes; an event-based gateway takes the flow to the event;
 * a boundary event interrupts its activity or runs beside it; an event sub-process interrupts its
 * scope or runs beside it; a start event creates a new process instance.
 */
public final class EventTriggerBehavior {
  private final BpmnElementProcessors processors;
  private final StateTransitionBehavior transitions;
  private final EventSubscriptionBehavior subscriptions;
  private final VariableBehavior variables;

  EventTriggerBehavior(BpmnElementProcessors processors, StateTransitionBehavior transitions,
      EventSubscriptionBehavior subscriptions, VariableBehavior variables) {
    this.processors = processors;
    this.transitions = transitions;
    this.subscriptions = subscriptions;
    this.variables = variables;
  }

  /** Correlates a message to an open subscription and triggers its event. */
  public void correlate(CommandContext ctx, long subscriptionKey, long messageKey, Map<String, Object> messageVariables) {
    MessageSubscriptionRecord subscription = ctx.state().messageSubscriptions().get(subscriptionKey);
    ctx.writer().appendEvent(subscriptionKey, ValueType.MESSAGE_SUBSCRIPTION, Intent.MessageSubscription.CORRELATED,
        subscription.correlated(messageKey, messageVariables));
    trigger(ctx, subscription.elementInstanceKey(), subscription.elementId(), messageVariables);
  }

  /**
   * Triggers the event {@code catchElementId} that the element instance {@code ownerKey} waits on.
   * Returns false if the owner is no longer waiting (already left or being left).
   */
  public boolean trigger(CommandContext ctx, long ownerKey, String catchElementId, Map<String, Object> eventVariables) {
    ElementInstance owner = ctx.state().elementInstances().get(ownerKey);
    if (owner == null || owner.state() != ElementState.ACTIVATED) {
      return false;
    }
    BpmnElementContext ownerContext = processors.contextOf(ctx, owner);
    ExecutableFlowNode catchNode = ctx.state().processes().byKey(owner.value().processDefinitionKey())
        .executable().node(catchElementId);
    BpmnElementType ownerType = owner.value().bpmnElementType();
    if (catchNode == ownerContext.element() && ownerType != BpmnElementType.MULTI_INSTANCE_BODY
        && !ownerType.isContainer()) {
      // the element itself waited: an intermediate catch event or a receive task
      applyEventVariables(ownerContext, eventVariables);
      transitions.completeElement(ownerContext);
    } else if (ownerType == BpmnElementType.EVENT_BASED_GATEWAY) {
      triggerEventBasedGateway(ownerContext, catchNode, eventVariables);
    } else if (catchNode.attachedTo() != null) {
      triggerBoundaryEvent(ownerContext, catchNode, eventVariables);
    } else if (catchNode.flowScope() != null && catchNode.flowScope().type() == BpmnElementType.EVENT_SUB_PROCESS) {
      triggerEventSubProcess(ownerContext, catchNode, eventVariables);
    } else {
      throw new IllegalStateException("Cannot trigger '" + catchElementId + "' on element instance " + ownerKey);
    }
    return true;
  }

  private void triggerEventBasedGateway(BpmnElementContext gateway, ExecutableFlowNode catchNode,
      Map<String, Object> eventVariables) {
    ExecutableSequenceFlow flow = gateway.element().outgoing().stream()
        .filter(f -> f.target() == catchNode).findFirst().orElseThrow();
    transitions.completeWithoutFlows(gateway); // closes the other events' subscriptions
    transitions.writeSequenceFlowTaken(gateway, flow);
    activateTriggered(gateway.command(), gateway.flowScopeKey(), gateway.record(), catchNode, eventVariables);
  }

  /** Called also for errors and escalations caught by a boundary event. */
  void triggerBoundaryEvent(BpmnElementContext activity, ExecutableFlowNode boundary, Map<String, Object> eventVariables) {
    CommandContext ctx = activity.command();
    if (boundary.isInterrupting()) {
      ctx.continuations().afterTerminated(activity.key(),
          () -> activateTriggered(ctx, activity.flowScopeKey(), activity.record(), boundary, eventVariables));
      transitions.terminateElement(activity);
    } else {
      activateTriggered(ctx, activity.flowScopeKey(), activity.record(), boundary, eventVariables);
    }
  }

  /** Called also for errors and escalations caught by an event sub-process. */
  void triggerEventSubProcess(BpmnElementContext scope, ExecutableFlowNode startEvent, Map<String, Object> eventVariables) {
    CommandContext ctx = scope.command();
    ExecutableFlowNode eventSubProcess = startEvent.flowScope();
    Runnable activate = () -> {
      long key = transitions.activate(ctx, scope.key(), scope.record(), eventSubProcess, BpmnElementType.EVENT_SUB_PROCESS);
      var record = scope.record().withElement(
          eventSubProcess.id(), BpmnElementType.EVENT_SUB_PROCESS, eventSubProcess.eventType(), scope.key());
      createTriggeredStart(ctx, key, record, startEvent, eventVariables);
    };
    if (!startEvent.isInterrupting()) {
      activate.run();
      return;
    }
    // an interrupting event sub-process: no other event of the scope's event sub-processes may
    // start any more, and everything else in the scope ends before it starts
    java.util.Set<String> startIds = new java.util.HashSet<>();
    scope.element().eventSubProcesses().forEach(esp -> esp.eventStartEvents().forEach(s -> startIds.add(s.id())));
    subscriptions.unsubscribe(ctx, scope.key(), startIds::contains);
    ctx.continuations().afterChildrenEnded(scope.key(), activate);
    if (!transitions.terminateChildren(ctx, scope.key())) {
      ctx.continuations().takeAfterChildrenEnded(scope.key());
      activate.run();
    }
  }

  /**
   * Creates an instance of an event that has already happened (a boundary event, an event
   * sub-process's start event, a start event, the event after an event-based gateway), sets the
   * event's variables on it and completes it.
   */
  void activateTriggered(CommandContext ctx, long flowScopeKey, ProcessInstanceRecord scopeRecord,
      ExecutableFlowNode event, Map<String, Object> eventVariables) {
    long key = ctx.state().keys().nextKey();
    ProcessInstanceRecord record = scopeRecord.withElement(event.id(), event.type(), event.eventType(), flowScopeKey);
    ctx.writer().appendEvent(key, ValueType.PROCESS_INSTANCE, Intent.ProcessInstance.ELEMENT_ACTIVATING, record);
    BpmnElementContext element = new BpmnElementContext(ctx, key, record, event);
    ctx.schedule(() -> {
      transitions.transitionToActivated(element);
      applyEventVariables(element, eventVariables);
      transitions.completeElement(element);
    });
  }

  /**
   * Creates the start event instance of a container that an event started (a process instance
   * created by a message, timer or signal; an event sub-process), still ACTIVATING, with the
   * event's variables already set. The container's activation then continues it (see
   * {@link #continueTriggeredStart}); kept in the state rather than in memory, so that an
   * incident on the container's activation does not lose the event.
   */
  private void createTriggeredStart(CommandContext ctx, long containerKey, ProcessInstanceRecord containerRecord,
      ExecutableFlowNode startEvent, Map<String, Object> eventVariables) {
    long key = ctx.state().keys().nextKey();
    ProcessInstanceRecord record =
        containerRecord.withElement(startEvent.id(), startEvent.type(), startEvent.eventType(), containerKey);
    ctx.writer().appendEvent(key, ValueType.PROCESS_INSTANCE, Intent.ProcessInstance.ELEMENT_ACTIVATING, record);
    applyEventVariables(new BpmnElementContext(ctx, key, record, startEvent), eventVariables);
  }

  /** Continues the start event an event created in this container; false if there is none. */
  boolean continueTriggeredStart(BpmnElementContext container) {
    CommandContext ctx = container.command();
    ElementInstance instance = ctx.state().elementInstances().get(container.key());
    for (long childKey : instance.children()) {
      ElementInstance child = ctx.state().elementInstances().get(childKey);
      if (child != null && child.state() == ElementState.ACTIVATING
          && child.value().bpmnElementType() == BpmnElementType.START_EVENT) {
        BpmnElementContext start = processors.contextOf(ctx, child);
        ctx.schedule(() -> {
          transitions.transitionToActivated(start);
          transitions.completeElement(start);
        });
        return true;
      }
    }
    return false;
  }

  /**
   * Creates a process instance that starts at the given start event (message, timer or signal
   * start event); returns its key.
   */
  public long startInstance(CommandContext ctx, DeployedProcess process, String startEventId,
      Map<String, Object> eventVariables) {
    long key = ctx.state().keys().nextKey();
    ProcessInstanceRecord record = ProcessInstanceRecord.ofProcess(process.key(), process.record(), key, -1, -1);
    ctx.writer().appendEvent(key, ValueType.PROCESS_INSTANCE, Intent.ProcessInstance.ELEMENT_ACTIVATING, record);
    createTriggeredStart(ctx, key, record, process.executable().node(startEventId), eventVariables);
    processors.retryActivation(new BpmnElementContext(ctx, key, record, process.executable().root()));
    return key;
  }

  /**
   * Broadcasts a signal: every signal start event of a deployed process starts an instance, and
   * every element instance waiting for the signal is triggered. Returns the signal's key.
   */
  public long broadcastSignal(CommandContext ctx, String name, Map<String, Object> signalVariables, String tenantId) {
    long key = ctx.state().keys().nextKey();
    Map<String, Object> variables = signalVariables == null ? Map.of() : signalVariables;
    ctx.writer().appendEvent(key, ValueType.SIGNAL, Intent.Signal.BROADCASTED,
        new SignalRecord(name, variables, tenantId));
    for (long subscriptionKey : ctx.state().signalSubscriptions().waitingFor(tenantId, name)) {
      SignalSubscriptionRecord subscription = ctx.state().signalSubscriptions().get(subscriptionKey);
      if (subscription == null) {
        continue; // closed by an earlier trigger of this signal
      }
      if (subscription.catchEventInstanceKey() <= 0) {
        DeployedProcess process = ctx.state().processes().byKey(subscription.processDefinitionKey());
        startInstance(ctx, process, subscription.catchEventId(), variables);
      } else {
        trigger(ctx, subscription.catchEventInstanceKey(), subscription.catchEventId(), variables);
      }
    }
    return key;
  }

  /** Message, signal and error variables: local to the event with output mappings, else propagated. */
  void applyEventVariables(BpmnElementContext element, Map<String, Object> eventVariables) {
    if (eventVariables == null || eventVariables.isEmpty()) {
      return;
    }
    if (!element.element().outputMappings().isEmpty()) {
      variables.mergeLocal(element.command(), element.key(), element.record(), eventVariables);
    } else {
      variables.mergePropagate(element.command(), element.key(), element.record(), eventVariables);
    }
  }
}
