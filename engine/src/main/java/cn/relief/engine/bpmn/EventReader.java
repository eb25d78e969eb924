package cn.relief.engine.bpmn;

import cn.relief.engine.feel.EvaluationResult;
import cn.relief.engine.feel.Expression;
import cn.relief.engine.feel.ExpressionLanguage;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CompensateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EscalationEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.IntermediateThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.LinkEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.SignalEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads event definitions (message, timer, signal, error, escalation, terminate, link,
 * compensation) and checks that each is allowed where it is used, as Camunda 8.8 defines.
 */
final class EventReader {
  private final ExpressionLanguage expressions;
  private final Problems problems;
  private final ElementReader elements;

  EventReader(ExpressionLanguage expressions, Problems problems, ElementReader elements) {
    this.expressions = expressions;
    this.problems = problems;
    this.elements = elements;
  }

  void read(FlowNode element, ExecutableFlowNode node, ExecutableFlowNode scope) {
    if (element instanceof ReceiveTask receiveTask) {
      node.setEventType(BpmnEventType.MESSAGE);
      if (receiveTask.getMessage() == null) {
        problems.add(element, "expected a message reference on the receive task, but found none");
      } else {
        readMessage(element, node, receiveTask.getMessage(), true);
      }
      return;
    }
    if (!(element instanceof Event event)) {
      return;
    }
    Collection<EventDefinition> definitions = definitions(event);
    if (definitions.size() > 1) {
      problems.add(element, "events with several event definitions (multiple events) are not supported "
          + "(as in Camunda 8.8)");
      return;
    }
    EventDefinition definition = definitions.isEmpty() ? null : definitions.iterator().next();
    if (element instanceof StartEvent start) {
      readStart(start, node, scope, definition);
    } else if (element instanceof EndEvent) {
      readThrow(element, node, definition, List.of(BpmnEventType.NONE, BpmnEventType.TERMINATE, BpmnEventType.ERROR,
          BpmnEventType.ESCALATION, BpmnEventType.SIGNAL, BpmnEventType.MESSAGE, BpmnEventType.COMPENSATION));
    } else if (element instanceof IntermediateThrowEvent) {
      readThrow(element, node, definition, List.of(BpmnEventType.NONE, BpmnEventType.ESCALATION,
          BpmnEventType.SIGNAL, BpmnEventType.MESSAGE, BpmnEventType.LINK, BpmnEventType.COMPENSATION));
    } else if (element instanceof IntermediateCatchEvent) {
      BpmnEventType type = readCatch(element, node, definition, true);
      if (type != null && type != BpmnEventType.MESSAGE && type != BpmnEventType.TIMER
          && type != BpmnEventType.SIGNAL && type != BpmnEventType.LINK) {
        problems.add(element, "an intermediate catch event must have a message, timer, signal or link definition");
      }
      if (type == BpmnEventType.TIMER && node.timer() != null && node.timer().kind() == TimerDefinition.Kind.CYCLE) {
        problems.add(element, "an intermediate timer catch event needs a date or duration, not a cycle");
      }
    } else if (element instanceof BoundaryEvent boundary) {
      node.setInterrupting(boundary.cancelActivity());
      BpmnEventType type = readCatch(element, node, definition, true);
      if (type == BpmnEventType.LINK || type == BpmnEventType.NONE) {
        problems.add(element, "a boundary event must have a message, timer, signal, error, escalation or "
            + "compensation definition");
      }
      if (type == BpmnEventType.ERROR && !boundary.cancelActivity()) {
        problems.add(element, "an error boundary event must be interrupting");
      }
      if (type == BpmnEventType.TIMER && node.timer() != null && node.timer().kind() == TimerDefinition.Kind.CYCLE
          && boundary.cancelActivity()) {
        problems.add(element, "a timer cycle is only allowed on a non-interrupting boundary event");
      }
    }
  }

  private void readStart(StartEvent start, ExecutableFlowNode node, ExecutableFlowNode scope, EventDefinition definition) {
    node.setInterrupting(start.isInterrupting());
    boolean inEventSubProcess = scope.type() == BpmnElementType.EVENT_SUB_PROCESS;
    if (definition == null) {
      node.setEventType(BpmnEventType.NONE);
      if (inEventSubProcess) {
        problems.add(start, "the start event of an event sub-process must have an event definition");
      } else if (scope.noneStartEvent() != null) {
        problems.add(start, "expected one none start event, but '" + scope.noneStartEvent().id() + "' is one too");
      } else {
        scope.setNoneStartEvent(node);
      }
      return;
    }
    BpmnEventType type = readCatch(start, node, definition, inEventSubProcess);
    if (type == null) {
      return;
    }
    boolean allowed = switch (type) {
      case MESSAGE, TIMER, SIGNAL -> scope.type() != BpmnElementType.SUB_PROCESS;
      case ERROR, ESCALATION -> inEventSubProcess;
      case COMPENSATION -> {
        problems.add(start, "compensation event sub-processes are not supported (as in Camunda 8.8)");
        yield true;
      }
      default -> false;
    };
    if (!allowed) {
      problems.add(start, "a " + type.name().toLowerCase() + " start event is not allowed "
          + (scope.type() == BpmnElementType.SUB_PROCESS ? "in an embedded sub-process" : "here"));
      return;
    }
    if (type == BpmnEventType.ERROR && !start.isInterrupting()) {
      problems.add(start, "an error start event of an event sub-process must be interrupting");
    }
    scope.eventStartEvents().add(node);
    if (scope.type() == BpmnElementType.PROCESS) {
      requireStaticForStart(start, node);
    }
  }

  /** Start events of a process are subscribed at deployment, when no variables exist yet. */
  private void requireStaticForStart(StartEvent start, ExecutableFlowNode node) {
    if (node.message() != null && node.message().name() != null && node.message().name().isFeel()) {
      EvaluationResult name = expressions.evaluateString(node.message().name(), Map.of());
      if (name.isFailure()) {
        problems.add(start, "the message name of a start event must be static or an expression without "
            + "variables: " + name.failure());
      }
    }
    if (node.timer() != null && node.timer().expression().isFeel()) {
      EvaluationResult value = expressions.evaluate(node.timer().expression(), Map.of());
      if (value.isFailure()) {
        problems.add(start, "the timer of a start event must be static or an expression without variables: "
            + value.failure());
      } else {
        validateSchedule(start, node.timer().kind(), String.valueOf(value.value()));
      }
    }
  }

  private void readThrow(FlowNode element, ExecutableFlowNode node, EventDefinition definition,
      List<BpmnEventType> allowed) {
    if (definition == null) {
      node.setEventType(BpmnEventType.NONE);
      return;
    }
    BpmnEventType type;
    if (definition instanceof TerminateEventDefinition) {
      type = BpmnEventType.TERMINATE;
    } else if (definition instanceof ErrorEventDefinition error) {
      type = BpmnEventType.ERROR;
      if (error.getError() == null || error.getError().getErrorCode() == null
          || error.getError().getErrorCode().isBlank()) {
        problems.add(element, "expected an error code on the error end event, but found none");
      } else {
        node.setErrorCode(elements.parse(element, "error code", error.getError().getErrorCode()));
      }
    } else if (definition instanceof EscalationEventDefinition escalation) {
      type = BpmnEventType.ESCALATION;
      if (escalation.getEscalation() == null || escalation.getEscalation().getEscalationCode() == null
          || escalation.getEscalation().getEscalationCode().isBlank()) {
        problems.add(element, "expected an escalation code on the escalation event, but found none");
      } else {
        node.setEscalationCode(elements.parse(element, "escalation code",
            escalation.getEscalation().getEscalationCode()));
      }
    } else if (definition instanceof SignalEventDefinition signal) {
      type = BpmnEventType.SIGNAL;
      readSignal(element, node, signal);
    } else if (definition instanceof MessageEventDefinition) {
      // message throw events are job-based, like send tasks
      type = BpmnEventType.MESSAGE;
      node.setJobDefinition(elements.requireJob(element));
    } else if (definition instanceof LinkEventDefinition link) {
      type = BpmnEventType.LINK;
      readLink(element, node, link);
    } else if (definition instanceof CompensateEventDefinition compensate) {
      type = BpmnEventType.COMPENSATION;
      if (compensate.getActivity() != null) {
        problems.add(element, "compensating one named activity is not supported yet; leave the activity "
            + "reference empty to compensate the whole scope");
      }
    } else {
      unsupported(element, definition);
      return;
    }
    node.setEventType(type);
    if (!allowed.contains(type)) {
      problems.add(element, "a " + type.name().toLowerCase() + " definition is not allowed on this event");
    }
  }

  /** Reads a catching definition; returns its type, or null after reporting a problem. */
  private BpmnEventType readCatch(FlowNode element, ExecutableFlowNode node, EventDefinition definition,
      boolean needsCorrelationKey) {
    if (definition == null) {
      node.setEventType(BpmnEventType.NONE);
      return BpmnEventType.NONE;
    }
    BpmnEventType type;
    if (definition instanceof MessageEventDefinition message) {
      type = BpmnEventType.MESSAGE;
      if (message.getMessage() == null) {
        problems.add(element, "expected a message reference on the message event, but found none");
        return null;
      }
      readMessage(element, node, message.getMessage(), needsCorrelationKey);
    } else if (definition instanceof TimerEventDefinition timer) {
      type = BpmnEventType.TIMER;
      readTimer(element, node, timer);
    } else if (definition instanceof SignalEventDefinition signal) {
      type = BpmnEventType.SIGNAL;
      readSignal(element, node, signal);
    } else if (definition instanceof ErrorEventDefinition error) {
      type = BpmnEventType.ERROR;
      if (error.getError() != null && error.getError().getErrorCode() != null
          && !error.getError().getErrorCode().isBlank()) {
        node.setErrorCode(elements.parse(element, "error code", error.getError().getErrorCode()));
      }
    } else if (definition instanceof EscalationEventDefinition escalation) {
      type = BpmnEventType.ESCALATION;
      if (escalation.getEscalation() != null && escalation.getEscalation().getEscalationCode() != null
          && !escalation.getEscalation().getEscalationCode().isBlank()) {
        node.setEscalationCode(elements.parse(element, "escalation code",
            escalation.getEscalation().getEscalationCode()));
      }
    } else if (definition instanceof LinkEventDefinition link) {
      type = BpmnEventType.LINK;
      readLink(element, node, link);
    } else if (definition instanceof CompensateEventDefinition) {
      type = BpmnEventType.COMPENSATION;
    } else {
      unsupported(element, definition);
      return null;
    }
    node.setEventType(type);
    return type;
  }

  private void readMessage(FlowNode element, ExecutableFlowNode node, Message message, boolean needsCorrelationKey) {
    if (message.getName() == null || message.getName().isBlank()) {
      problems.add(element, "expected a message with a name, but the message '" + message.getId() + "' has none");
      return;
    }
    Expression name = elements.parse(element, "message name", message.getName());
    Expression correlationKey = null;
    ZeebeSubscription subscription = message.getSingleExtensionElement(ZeebeSubscription.class);
    String keyText = subscription == null ? null : subscription.getCorrelationKey();
    if (needsCorrelationKey) {
      if (keyText == null || keyText.isBlank()) {
        problems.add(element, "expected a correlation key (zeebe:subscription correlationKey) on the message '"
            + message.getName() + "', but found none");
        return;
      }
      correlationKey = elements.parse(element, "correlation key", keyText);
    }
    if (name != null) {
      node.setMessage(new MessageDefinition(name, correlationKey));
    }
  }

  private void readTimer(FlowNode element, ExecutableFlowNode node, TimerEventDefinition timer) {
    TimerDefinition.Kind kind;
    String text;
    int given = (timer.getTimeDate() != null ? 1 : 0) + (timer.getTimeDuration() != null ? 1 : 0)
        + (timer.getTimeCycle() != null ? 1 : 0);
    if (given != 1) {
      problems.add(element, "expected exactly one of timeDate, timeDuration or timeCycle on the timer, but found "
          + given);
      return;
    }
    if (timer.getTimeDate() != null) {
      kind = TimerDefinition.Kind.DATE;
      text = timer.getTimeDate().getTextContent();
    } else if (timer.getTimeDuration() != null) {
      kind = TimerDefinition.Kind.DURATION;
      text = timer.getTimeDuration().getTextContent();
    } else {
      kind = TimerDefinition.Kind.CYCLE;
      text = timer.getTimeCycle().getTextContent();
    }
    if (text == null || text.isBlank()) {
      problems.add(element, "expected a value for the timer, but it is empty");
      return;
    }
    Expression expression = elements.parse(element, "timer", text.trim());
    if (expression == null) {
      return;
    }
    if (!expression.isFeel() && !validateSchedule(element, kind, text)) {
      return;
    }
    node.setTimer(new TimerDefinition(kind, expression));
  }

  private boolean validateSchedule(FlowNode element, TimerDefinition.Kind kind, String text) {
    try {
      TimerSchedule.parse(kind, text);
      return true;
    } catch (IllegalArgumentException e) {
      problems.add(element, "invalid timer: " + e.getMessage());
      return false;
    }
  }

  private void readSignal(FlowNode element, ExecutableFlowNode node, SignalEventDefinition signal) {
    if (signal.getSignal() == null || signal.getSignal().getName() == null || signal.getSignal().getName().isBlank()) {
      problems.add(element, "expected a signal with a name, but found none");
      return;
    }
    node.setSignalName(elements.parse(element, "signal name", signal.getSignal().getName()));
  }

  private void readLink(FlowNode element, ExecutableFlowNode node, LinkEventDefinition link) {
    if (link.getName() == null || link.getName().isBlank()) {
      problems.add(element, "expected a link name, but found none");
      return;
    }
    node.setLinkName(link.getName().trim());
  }

  private void unsupported(FlowNode element, EventDefinition definition) {
    problems.add(element, "the event definition '" + definition.getElementType().getTypeName()
        + "' is not supported (as in Camunda 8.8)");
  }

  private static Collection<EventDefinition> definitions(Event event) {
    if (event instanceof StartEvent e) {
      return e.getEventDefinitions();
    } else if (event instanceof EndEvent e) {
      return e.getEventDefinitions();
    } else if (event instanceof IntermediateCatchEvent e) {
      return e.getEventDefinitions();
    } else if (event instanceof IntermediateThrowEvent e) {
      return e.getEventDefinitions();
    } else if (event instanceof BoundaryEvent e) {
      return e.getEventDefinitions();
    }
    return List.of();
  }
}
