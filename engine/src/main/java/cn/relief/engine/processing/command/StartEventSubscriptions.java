package cn.relief.engine.processing.command;

import cn.relief.engine.bpmn.BpmnEventType;
import cn.relief.engine.bpmn.ExecutableFlowNode;
import cn.relief.engine.bpmn.TimerSchedule;
import cn.relief.engine.feel.EvaluationResult;
import cn.relief.engine.feel.ExpressionLanguage;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.MessageStartEventSubscriptionRecord;
import cn.relief.engine.record.SignalSubscriptionRecord;
import cn.relief.engine.record.TimerRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.DeployedProcess;
import java.util.List;
import java.util.Map;

/**
 * The message, signal and timer start events of the latest version of each process: a new version
 * closes the previous version's subscriptions and opens its own, as Zeebe does. Names and timers
 * of start events were checked at deployment to evaluate without variables.
 */
public final class StartEventSubscriptions {
  private final ExpressionLanguage expressions;

  public StartEventSubscriptions(ExpressionLanguage expressions) {
    this.expressions = expressions;
  }

  public void onNewVersion(CommandContext ctx, DeployedProcess previous, DeployedProcess current) {
    if (previous != null) {
      close(ctx, previous.key());
    }
    for (ExecutableFlowNode start : current.executable().root().eventStartEvents()) {
      if (start.eventType() == BpmnEventType.MESSAGE) {
        String name = (String) expressions.evaluateString(start.message().name(), Map.of()).value();
        ctx.writer().appendEvent(ctx.state().keys().nextKey(), ValueType.MESSAGE_START_EVENT_SUBSCRIPTION,
            Intent.MessageStartEventSubscription.CREATED, new MessageStartEventSubscriptionRecord(current.key(),
                current.record().bpmnProcessId(), start.id(), name, -1, -1, "", Map.of(), current.record().tenantId()));
      } else if (start.eventType() == BpmnEventType.SIGNAL) {
        String name = (String) expressions.evaluateString(start.signalName(), Map.of()).value();
        ctx.writer().appendEvent(ctx.state().keys().nextKey(), ValueType.SIGNAL_SUBSCRIPTION,
            Intent.SignalSubscription.CREATED, new SignalSubscriptionRecord(current.key(),
                current.record().bpmnProcessId(), start.id(), -1, name, current.record().tenantId()));
      } else if (start.eventType() == BpmnEventType.TIMER) {
        EvaluationResult value = expressions.evaluate(start.timer().expression(), Map.of());
        TimerSchedule schedule = TimerSchedule.parse(start.timer().kind(), String.valueOf(value.value()));
        ctx.writer().appendEvent(ctx.state().keys().nextKey(), ValueType.TIMER, Intent.Timer.CREATED,
            new TimerRecord(-1, -1, current.key(), start.id(), schedule.firstDueDate(ctx.now()),
                schedule.repetitions(), current.record().tenantId()));
      }
    }
  }

  private static void close(CommandContext ctx, long processDefinitionKey) {
    var messages = ctx.state().messageSubscriptions();
    for (long key : messages.startSubscriptionsOf(processDefinitionKey)) {
      ctx.writer().appendEvent(key, ValueType.MESSAGE_START_EVENT_SUBSCRIPTION,
          Intent.MessageStartEventSubscription.DELETED, messages.startSubscription(key));
    }
    var signals = ctx.state().signalSubscriptions();
    for (long key : signals.startSubscriptionsOf(processDefinitionKey)) {
      ctx.writer().appendEvent(key, ValueType.SIGNAL_SUBSCRIPTION, Intent.SignalSubscription.DELETED, signals.get(key));
    }
    for (long key : List.copyOf(ctx.state().timers().startTimersOf(processDefinitionKey))) {
      ctx.writer().appendEvent(key, ValueType.TIMER, Intent.Timer.CANCELED, ctx.state().timers().get(key));
    }
  }
}
