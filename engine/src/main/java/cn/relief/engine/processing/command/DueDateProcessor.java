package cn.relief.engine.processing.command;

import cn.relief.engine.bpmn.BpmnEventType;
import cn.relief.engine.bpmn.ExecutableFlowNode;
import cn.relief.engine.bpmn.TimerDefinition;
import cn.relief.engine.bpmn.TimerSchedule;
import cn.relief.engine.feel.EvaluationResult;
import cn.relief.engine.feel.ExpressionLanguage;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.processing.bpmn.EventTriggerBehavior;
import cn.relief.engine.processing.bpmn.VariableBehavior;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.TimerRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.DeployedProcess;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.ElementState;
import cn.relief.engine.state.JobState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Acts on time passing: activated jobs past their deadline become activatable again, failed jobs
 * whose back-off ended recur, messages past their time to live expire, timers fire (and a cycle
 * schedules its next repetition). Bounded per run so that one command never grows a huge batch.
 */
public final class DueDateProcessor {
  private static final int MAX_PER_RUN = 1000;

  private final EventTriggerBehavior triggers;
  private final ExpressionLanguage expressions;
  private final VariableBehavior variables;

  public DueDateProcessor(EventTriggerBehavior triggers, ExpressionLanguage expressions, VariableBehavior variables) {
    this.triggers = triggers;
    this.expressions = expressions;
    this.variables = variables;
  }

  public void run(CommandContext ctx) {
    long now = ctx.now();
    for (long key : take(ctx.state().jobs().expiredDeadlines(now))) {
      JobState.Job job = ctx.state().jobs().get(key);
      ctx.writer().appendEvent(key, ValueType.JOB, Intent.Job.TIMED_OUT, job.record().withDeadline(0));
    }
    for (long key : take(ctx.state().jobs().elapsedBackoffs(now))) {
      JobState.Job job = ctx.state().jobs().get(key);
      ctx.writer().appendEvent(key, ValueType.JOB, Intent.Job.RECURRED_AFTER_BACKOFF, job.record());
    }
    for (long key : take(ctx.state().messages().expired(now))) {
      ctx.writer().appendEvent(key, ValueType.MESSAGE, Intent.Message.EXPIRED, ctx.state().messages().get(key));
    }
    for (long key : take(ctx.state().timers().dueBy(now))) {
      TimerRecord timer = ctx.state().timers().get(key);
      if (timer != null) {
        fire(ctx, key, timer);
      }
    }
  }

  private void fire(CommandContext ctx, long key, TimerRecord timer) {
    ctx.writer().appendEvent(key, ValueType.TIMER, Intent.Timer.TRIGGERED, timer);
    DeployedProcess process = ctx.state().processes().byKey(timer.processDefinitionKey());
    if (timer.elementInstanceKey() <= 0) {
      triggers.startInstance(ctx, process, timer.targetElementId(), Map.of());
      repeat(ctx, timer, process);
      return;
    }
    ElementInstance owner = ctx.state().elementInstances().get(timer.elementInstanceKey());
    if (owner == null || owner.state() != ElementState.ACTIVATED) {
      return;
    }
    ExecutableFlowNode event = process.executable().node(timer.targetElementId());
    triggers.trigger(ctx, owner.key(), timer.targetElementId(), Map.of());
    if (!event.isInterrupting() || event.eventType() != BpmnEventType.TIMER) {
      ElementInstance stillThere = ctx.state().elementInstances().get(owner.key());
      if (stillThere != null && stillThere.state() == ElementState.ACTIVATED) {
        repeat(ctx, timer, process);
      }
    }
  }

  /** A cycle with repetitions left gets its next timer; a date or duration fires once. */
  private void repeat(CommandContext ctx, TimerRecord timer, DeployedProcess process) {
    if (timer.repetitions() == 0 || timer.repetitions() == 1) {
      return;
    }
    ExecutableFlowNode event = process.executable().node(timer.targetElementId());
    TimerDefinition definition = event.timer();
    if (definition == null || definition.kind() != TimerDefinition.Kind.CYCLE) {
      return;
    }
    TimerSchedule schedule;
    if (definition.expression().isFeel()) {
      // evaluated again in the owner's current variables (a start event has none)
      Map<String, Object> context = timer.elementInstanceKey() > 0
          ? variables.visible(ctx.state(), timer.elementInstanceKey()) : Map.of();
      EvaluationResult value = expressions.evaluate(definition.expression(), context);
      if (value.isFailure()) {
        return;
      }
      try {
        schedule = TimerSchedule.parse(definition.kind(), String.valueOf(value.value()));
      } catch (IllegalArgumentException e) {
        return; // the first timer parsed; a cycle whose variables no longer parse ends its repetitions
      }
    } else {
      schedule = TimerSchedule.parse(definition.kind(), definition.expression().text());
    }
    long next = schedule.nextDueDate(timer.dueDate());
    if (next < 0) {
      return;
    }
    int repetitions = timer.repetitions() < 0 ? timer.repetitions() : timer.repetitions() - 1;
    ctx.writer().appendEvent(ctx.state().keys().nextKey(), ValueType.TIMER, Intent.Timer.CREATED,
        timer.withDueDate(next, repetitions));
  }

  private static List<Long> take(Iterator<JobState.Due> due) {
    List<Long> keys = new ArrayList<>();
    while (due.hasNext() && keys.size() < MAX_PER_RUN) {
      keys.add(due.next().key());
    }
    return keys;
  }
}
