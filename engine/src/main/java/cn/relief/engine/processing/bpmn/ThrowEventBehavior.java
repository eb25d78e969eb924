package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.BpmnElementType;
import cn.relief.engine.bpmn.BpmnEventType;
import cn.relief.engine.bpmn.ExecutableFlowNode;
import cn.relief.engine.feel.Expression;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.record.EscalationRecord;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.ElementInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Throws errors and escalations: looks for the catching event from the thrower outwards (the
 * thrower's boundary events, then for each enclosing scope its event sub-processes and its boundary
 * events, across call activities into the calling process), preferring a catch of the exact code
 * over a catch-all on the same level, and triggers it.
 */
public final class ThrowEventBehavior {
  /** What became of a thrown escalation. */
  public enum Outcome { UNCAUGHT, CAUGHT, CAUGHT_INTERRUPTING }

  private record Catch(ElementInstance owner, ExecutableFlowNode event) {}

  private final BpmnElementProcessors processors;
  private final EventTriggerBehavior triggers;

  ThrowEventBehavior(BpmnElementProcessors processors, EventTriggerBehavior triggers) {
    this.processors = processors;
    this.triggers = triggers;
  }

  /** Throws an error from the element instance; returns false (nothing changed) if nothing catches it. */
  public boolean throwError(CommandContext ctx, long throwerKey, String errorCode, Map<String, Object> variables) {
    Catch found = find(ctx, throwerKey, BpmnEventType.ERROR, errorCode, true);
    if (found == null) {
      return false;
    }
    trigger(ctx, found, variables);
    return true;
  }

  /** Throws an escalation from an intermediate throw or end event. */
  public Outcome throwEscalation(BpmnElementContext thrower, String escalationCode) {
    CommandContext ctx = thrower.command();
    Catch found = find(ctx, thrower.key(), BpmnEventType.ESCALATION, escalationCode, false);
    ctx.writer().appendEvent(ctx.state().keys().nextKey(), ValueType.ESCALATION,
        found == null ? Intent.Escalation.NOT_ESCALATED : Intent.Escalation.ESCALATED,
        new EscalationRecord(thrower.processInstanceKey(), escalationCode, thrower.elementId(),
            found == null ? "" : found.event().id()));
    if (found == null) {
      return Outcome.UNCAUGHT;
    }
    trigger(ctx, found, Map.of());
    return found.event().isInterrupting() ? Outcome.CAUGHT_INTERRUPTING : Outcome.CAUGHT;
  }

  private void trigger(CommandContext ctx, Catch found, Map<String, Object> variables) {
    BpmnElementContext owner = processors.contextOf(ctx, found.owner());
    if (found.event().attachedTo() != null) {
      triggers.triggerBoundaryEvent(owner, found.event(), variables);
    } else {
      triggers.triggerEventSubProcess(owner, found.event(), variables);
    }
  }

  private Catch find(CommandContext ctx, long throwerKey, BpmnEventType type, String code, boolean throwerBoundaries) {
    ElementInstance current = ctx.state().elementInstances().get(throwerKey);
    ElementInstance previous = null;
    boolean first = true;
    while (current != null) {
      ExecutableFlowNode node = processors.contextOf(ctx, current).element();
      BpmnElementType kind = current.value().bpmnElementType();
      List<ExecutableFlowNode> candidates = new ArrayList<>();
      if (!first && kind.isContainer()) {
        // an event sub-process does not catch what is thrown inside itself: that would start it
        // again, and again, within one command
        String from = previous.value().bpmnElementType() == BpmnElementType.EVENT_SUB_PROCESS
            ? previous.value().elementId() : null;
        node.eventSubProcesses().stream().filter(esp -> !esp.id().equals(from))
            .forEach(esp -> candidates.addAll(esp.eventStartEvents()));
      }
      boolean innerInstance = node.loop() != null && kind != BpmnElementType.MULTI_INSTANCE_BODY;
      if ((!first || throwerBoundaries) && !innerInstance && kind != BpmnElementType.PROCESS) {
        candidates.addAll(node.boundaryEvents());
      }
      ExecutableFlowNode match = match(candidates, type, code);
      if (match != null) {
        return new Catch(current, match);
      }
      first = false;
      previous = current;
      long parentKey = current.value().flowScopeKey();
      if (parentKey <= 0 && kind == BpmnElementType.PROCESS) {
        parentKey = current.value().parentElementInstanceKey(); // into the calling process
      }
      current = parentKey > 0 ? ctx.state().elementInstances().get(parentKey) : null;
    }
    return null;
  }

  private static ExecutableFlowNode match(List<ExecutableFlowNode> candidates, BpmnEventType type, String code) {
    ExecutableFlowNode catchAll = null;
    for (ExecutableFlowNode candidate : candidates) {
      if (candidate.eventType() != type) {
        continue;
      }
      Expression expected = type == BpmnEventType.ERROR ? candidate.errorCode() : candidate.escalationCode();
      if (expected == null) {
        if (catchAll == null) {
          catchAll = candidate;
        }
      } else if (staticText(expected).equals(code)) {
        return candidate;
      }
    }
    return catchAll;
  }

  private static String staticText(Expression expression) {
    String text = expression.text().trim();
    return expression.isFeel() ? text.substring(1).trim().replaceAll("^\"|\"$", "") : text;
  }
}
