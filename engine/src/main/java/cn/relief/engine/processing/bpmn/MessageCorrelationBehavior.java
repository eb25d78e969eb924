package cn.relief.engine.processing.bpmn;

import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.MessageRecord;
import cn.relief.engine.record.MessageStartEventSubscriptionRecord;
import cn.relief.engine.record.MessageSubscriptionRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.DeployedProcess;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.ElementState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Correlates a message as Zeebe does: to the message start events with its name (not while an
 * instance that a message with the same correlation key started is still active) and to the open
 * subscriptions with its name and correlation key, reaching each process (by BPMN process id) at
 * most once.
 */
public final class MessageCorrelationBehavior {
  private final EventTriggerBehavior triggers;

  MessageCorrelationBehavior(EventTriggerBehavior triggers) {
    this.triggers = triggers;
  }

  /** Correlates the message; returns the keys of the process instances it reached, in order. */
  public List<Long> correlate(CommandContext ctx, long messageKey, MessageRecord message) {
    List<Long> reached = new ArrayList<>();
    Set<String> processes = new HashSet<>();
    var subscriptions = ctx.state().messageSubscriptions();
    for (long startKey : subscriptions.startSubscriptionsFor(message.tenantId(), message.name())) {
      MessageStartEventSubscriptionRecord start = subscriptions.startSubscription(startKey);
      if (!mayStart(ctx, messageKey, message.correlationKey(), start.bpmnProcessId(), processes)) {
        continue;
      }
      processes.add(start.bpmnProcessId());
      DeployedProcess process = ctx.state().processes().byKey(start.processDefinitionKey());
      long instanceKey = triggers.startInstance(ctx, process, start.startEventId(), message.variables());
      ctx.writer().appendEvent(startKey, ValueType.MESSAGE_START_EVENT_SUBSCRIPTION,
          Intent.MessageStartEventSubscription.CORRELATED,
          start.correlated(instanceKey, messageKey, message.correlationKey(), message.variables()));
      reached.add(instanceKey);
    }
    for (long subscriptionKey : subscriptions.waitingFor(message.tenantId(), message.name(), message.correlationKey())) {
      MessageSubscriptionRecord subscription = subscriptions.get(subscriptionKey);
      if (subscription == null || processes.contains(subscription.bpmnProcessId())
          || ctx.state().messages().wasCorrelatedTo(messageKey, subscription.bpmnProcessId())) {
        continue;
      }
      ElementInstance owner = ctx.state().elementInstances().get(subscription.elementInstanceKey());
      if (owner == null || owner.state() != ElementState.ACTIVATED) {
        continue;
      }
      processes.add(subscription.bpmnProcessId());
      triggers.correlate(ctx, subscriptionKey, messageKey, message.variables());
      reached.add(subscription.processInstanceKey());
    }
    return reached;
  }

  /** Whether the message would reach anything now (for correlation without buffering). */
  public boolean wouldCorrelate(CommandContext ctx, MessageRecord message) {
    var subscriptions = ctx.state().messageSubscriptions();
    for (long startKey : subscriptions.startSubscriptionsFor(message.tenantId(), message.name())) {
      MessageStartEventSubscriptionRecord start = subscriptions.startSubscription(startKey);
      if (mayStart(ctx, -1, message.correlationKey(), start.bpmnProcessId(), Set.of())) {
        return true;
      }
    }
    for (long subscriptionKey : subscriptions.waitingFor(message.tenantId(), message.name(), message.correlationKey())) {
      ElementInstance owner = ctx.state().elementInstances().get(subscriptions.get(subscriptionKey).elementInstanceKey());
      if (owner != null && owner.state() == ElementState.ACTIVATED) {
        return true;
      }
    }
    return false;
  }

  /**
   * After an instance that a message start event created has ended: a buffered message with the
   * same correlation key for one of the process's message start events now starts the next one.
   */
  void afterStartedInstanceEnded(CommandContext ctx, String bpmnProcessId, String correlationKey, String tenantId) {
    DeployedProcess latest = ctx.state().processes().latest(bpmnProcessId);
    if (latest == null) {
      return;
    }
    var subscriptions = ctx.state().messageSubscriptions();
    for (long startKey : subscriptions.startSubscriptionsOf(latest.key())) {
      MessageStartEventSubscriptionRecord start = subscriptions.startSubscription(startKey);
      for (long messageKey : ctx.state().messages().buffered(tenantId, start.messageName(), correlationKey)) {
        if (!ctx.state().messages().wasCorrelatedTo(messageKey, bpmnProcessId)) {
          MessageRecord message = ctx.state().messages().get(messageKey);
          long instanceKey = triggers.startInstance(ctx, latest, start.startEventId(), message.variables());
          ctx.writer().appendEvent(startKey, ValueType.MESSAGE_START_EVENT_SUBSCRIPTION,
              Intent.MessageStartEventSubscription.CORRELATED,
              start.correlated(instanceKey, messageKey, correlationKey, message.variables()));
          return;
        }
      }
    }
  }

  private static boolean mayStart(CommandContext ctx, long messageKey, String correlationKey, String bpmnProcessId,
      Set<String> reachedNow) {
    return !reachedNow.contains(bpmnProcessId)
        && !(messageKey > 0 && ctx.state().messages().wasCorrelatedTo(messageKey, bpmnProcessId))
        && !ctx.state().messages().hasActiveStartedInstance(bpmnProcessId, correlationKey);
  }
}
