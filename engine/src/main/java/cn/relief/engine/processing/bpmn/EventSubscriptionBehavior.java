package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.BpmnElementType;
import cn.relief.engine.bpmn.BpmnEventType;
import cn.relief.engine.bpmn.ExecutableFlowNode;
import cn.relief.engine.bpmn.ExecutableSequenceFlow;
import cn.relief.engine.bpmn.TimerSchedule;
import cn.relief.engine.feel.EvaluationResult;
import cn.relief.engine.feel.ExpressionLanguage;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.MessageRecord;
import cn.relief.engine.record.MessageSubscriptionRecord;
import cn.relief.engine.record.SignalSubscriptionRecord;
import cn.relief.engine.record.TimerRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.ElementState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Opens the message, timer and signal subscriptions an element instance waits on (its own catch
 * event, its boundary events, the start events of its event sub-processes, the events after an
 * event-based gateway) and closes them when it is left. A buffered message that matches a new
 * subscription is correlated right after the element is activated.
 */
public final class EventSubscriptionBehavior {
  private final ExpressionLanguage expressions;
  private final VariableBehavior variables;
  private EventTriggerBehavior triggers;

  EventSubscriptionBehavior(ExpressionLanguage expressions, VariableBehavior variables) {
    this.expressions = expressions;
    this.variables = variables;
  }

  void setTriggers(EventTriggerBehavior triggers) {
    this.triggers = triggers;
  }

  /** A subscription evaluated and ready to be opened. */
  public sealed interface Opening {}

  private record TimerOpening(ExecutableFlowNode event, TimerSchedule schedule) implements Opening {}

  private record MessageOpening(ExecutableFlowNode event, String name, String correlationKey) implements Opening {}

  private record SignalOpening(ExecutableFlowNode event, String name) implements Opening {}

  /** The subscriptions an element is about to open, or why it cannot (nothing is opened then). */
  public record Prepared(List<Opening> openings, String failure) {
    /** The message name a prepared opening of this catch event would subscribe to, or null. */
    public String messageName(String catchEventId) {
      for (Opening opening : openings) {
        if (opening instanceof MessageOpening message && message.event().id().equals(catchEventId)) {
          return message.name();
        }
      }
      return null;
    }
  }

  /**
   * Evaluates and opens the subscriptions of the element; returns a failure message (and opens
   * nothing) if a name, correlation key or timer cannot be evaluated.
   */
  String subscribe(BpmnElementContext element) {
    Prepared prepared = prepare(element, id -> false);
    if (prepared.failure() == null) {
      open(element, prepared);
    }
    return prepared.failure();
  }

  /**
   * Evaluates the subscriptions of the element's catch events, except those {@code skip} names
   * (a migrated element keeps the subscriptions that moved along with it), without writing.
   */
  public Prepared prepare(BpmnElementContext element, Predicate<String> skip) {
    List<ExecutableFlowNode> events = catchEventsOf(element).stream().filter(e -> !skip.test(e.id())).toList();
    if (events.isEmpty()) {
      return new Prepared(List.of(), null);
    }
    CommandContext ctx = element.command();
    Map<String, Object> context = variables.visible(ctx.state(), element.key());
    List<Opening> openings = new ArrayList<>();
    for (ExecutableFlowNode event : events) {
      if (event.eventType() == BpmnEventType.TIMER) {
        EvaluationResult value = expressions.evaluate(event.timer().expression(), context);
        if (value.isFailure()) {
          return new Prepared(List.of(), value.failure());
        }
        try {
          openings.add(new TimerOpening(event, TimerSchedule.parse(event.timer().kind(), String.valueOf(value.value()))));
        } catch (IllegalArgumentException e) {
          return new Prepared(List.of(), "Invalid timer of '" + event.id() + "': " + e.getMessage());
        }
      } else if (event.eventType() == BpmnEventType.MESSAGE) {
        EvaluationResult name = expressions.evaluateString(event.message().name(), context);
        if (name.isFailure()) {
          return new Prepared(List.of(), name.failure());
        }
        EvaluationResult key = expressions.evaluate(event.message().correlationKey(), context);
        if (key.isFailure()) {
          return new Prepared(List.of(), key.failure());
        }
        if (!(key.value() instanceof String) && !(key.value() instanceof Number)) {
          return new Prepared(List.of(), "Failed to extract the correlation key for '"
              + event.message().correlationKey().text() + "': The value must be either a string or a number, but was '"
              + (key.value() == null ? "NULL" : key.value().getClass().getSimpleName().toUpperCase()) + "'.");
        }
        openings.add(new MessageOpening(event, (String) name.value(), String.valueOf(key.value())));
      } else if (event.eventType() == BpmnEventType.SIGNAL) {
        EvaluationResult name = expressions.evaluateString(event.signalName(), context);
        if (name.isFailure()) {
          return new Prepared(List.of(), name.failure());
        }
        openings.add(new SignalOpening(event, (String) name.value()));
      }
    }
    return new Prepared(List.copyOf(openings), null);
  }

  /** The message name a message catch event of the element would subscribe to now. */
  public EvaluationResult messageName(BpmnElementContext element, ExecutableFlowNode event) {
    return expressions.evaluateString(event.message().name(),
        event.message().name().isFeel() ? variables.visible(element.command().state(), element.key()) : Map.of());
  }

  /** Opens what {@link #prepare} evaluated. */
  public void open(BpmnElementContext element, Prepared prepared) {
    for (Opening opening : prepared.openings()) {
      open(element, opening);
    }
  }

  private void open(BpmnElementContext element, Opening opening) {
    CommandContext ctx = element.command();
    var record = element.record();
    if (opening instanceof TimerOpening timer) {
      ctx.writer().appendEvent(ctx.state().keys().nextKey(), ValueType.TIMER,
          Intent.Timer.CREATED, new TimerRecord(element.key(), element.processInstanceKey(),
              record.processDefinitionKey(), timer.event().id(), timer.schedule().firstDueDate(ctx.now()),
              timer.schedule().repetitions(), record.tenantId()));
    } else if (opening instanceof MessageOpening message) {
        long key = ctx.state().keys().nextKey();
        ctx.writer().appendEvent(key, ValueType.MESSAGE_SUBSCRIPTION, Intent.MessageSubscription.CREATED,
            new MessageSubscriptionRecord(element.processInstanceKey(), element.key(), record.processDefinitionKey(),
                record.bpmnProcessId(), message.event().id(), message.name(), message.correlationKey(),
                message.event().isInterrupting(), -1, Map.of(), record.tenantId()));
        // runs after the activation step that opened it: the element is then ACTIVATED
        ctx.schedule(() -> correlateBuffered(ctx, key));
    } else if (opening instanceof SignalOpening signal) {
      ctx.writer().appendEvent(ctx.state().keys().nextKey(),
          ValueType.SIGNAL_SUBSCRIPTION, Intent.SignalSubscription.CREATED, new SignalSubscriptionRecord(
              record.processDefinitionKey(), record.bpmnProcessId(), signal.event().id(), element.key(),
              signal.name(), record.tenantId()));
    }
  }

  /** A message published before the subscription opened, still within its time to live, is correlated now. */
  private void correlateBuffered(CommandContext ctx, long subscriptionKey) {
    MessageSubscriptionRecord subscription = ctx.state().messageSubscriptions().get(subscriptionKey);
    if (subscription == null) {
      return;
    }
    ElementInstance owner = ctx.state().elementInstances().get(subscription.elementInstanceKey());
    if (owner == null || owner.state() != ElementState.ACTIVATED) {
      return;
    }
    for (long messageKey : ctx.state().messages().buffered(
        subscription.tenantId(), subscription.messageName(), subscription.correlationKey())) {
      if (!ctx.state().messages().wasCorrelatedTo(messageKey, subscription.bpmnProcessId())) {
        MessageRecord message = ctx.state().messages().get(messageKey);
        triggers.correlate(ctx, subscriptionKey, messageKey, message.variables());
        return;
      }
    }
  }

  /** Closes every subscription the element instance holds. */
  public void unsubscribe(CommandContext ctx, long elementInstanceKey) {
    unsubscribe(ctx, elementInstanceKey, id -> true);
  }

  /** Closes the subscriptions of the element instance whose catch event matches. */
  void unsubscribe(CommandContext ctx, long elementInstanceKey, Predicate<String> catchEventId) {
    var state = ctx.state();
    for (long key : List.copyOf(state.timers().ofElementInstance(elementInstanceKey))) {
      TimerRecord timer = state.timers().get(key);
      if (catchEventId.test(timer.targetElementId())) {
        ctx.writer().appendEvent(key, ValueType.TIMER, Intent.Timer.CANCELED, timer);
      }
    }
    for (long key : List.copyOf(state.messageSubscriptions().ofElementInstance(elementInstanceKey))) {
      MessageSubscriptionRecord subscription = state.messageSubscriptions().get(key);
      if (catchEventId.test(subscription.elementId())) {
        ctx.writer().appendEvent(key, ValueType.MESSAGE_SUBSCRIPTION, Intent.MessageSubscription.DELETED, subscription);
      }
    }
    for (long key : List.copyOf(state.signalSubscriptions().ofElementInstance(elementInstanceKey))) {
      SignalSubscriptionRecord subscription = state.signalSubscriptions().get(key);
      if (catchEventId.test(subscription.catchEventId())) {
        ctx.writer().appendEvent(key, ValueType.SIGNAL_SUBSCRIPTION, Intent.SignalSubscription.DELETED, subscription);
      }
    }
  }

  /** The message, timer and signal events this element instance waits on. */
  public static List<ExecutableFlowNode> catchEventsOf(BpmnElementContext element) {
    ExecutableFlowNode node = element.element();
    BpmnElementType type = element.record().bpmnElementType();
    List<ExecutableFlowNode> events = new ArrayList<>();
    boolean innerInstance = node.loop() != null && type != BpmnElementType.MULTI_INSTANCE_BODY;
    if (type == BpmnElementType.INTERMEDIATE_CATCH_EVENT || type == BpmnElementType.RECEIVE_TASK) {
      if (node.isCatchingEvent()) {
        events.add(node);
      }
    } else if (type == BpmnElementType.EVENT_BASED_GATEWAY) {
      for (ExecutableSequenceFlow flow : node.outgoing()) {
        events.add(flow.target());
      }
    }
    if (type.isContainer() && type != BpmnElementType.MULTI_INSTANCE_BODY) {
      for (ExecutableFlowNode eventSubProcess : node.eventSubProcesses()) {
        for (ExecutableFlowNode start : eventSubProcess.eventStartEvents()) {
          if (start.isCatchingEvent()) {
            events.add(start);
          }
        }
      }
    }
    if (!innerInstance && type != BpmnElementType.PROCESS) {
      for (ExecutableFlowNode boundary : node.boundaryEvents()) {
        if (boundary.isCatchingEvent()) {
          events.add(boundary);
        }
      }
    }
    return events;
  }
}
