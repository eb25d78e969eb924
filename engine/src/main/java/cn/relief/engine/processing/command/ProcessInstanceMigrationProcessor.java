package cn.relief.engine.processing.command;

import cn.relief.engine.bpmn.BpmnEventType;
import cn.relief.engine.bpmn.ExecutableFlowNode;
import cn.relief.engine.processing.Rejections;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.processing.bpmn.BpmnElementContext;
import cn.relief.engine.processing.bpmn.BpmnElementProcessors;
import cn.relief.engine.processing.bpmn.EventSubscriptionBehavior;
import cn.relief.engine.processing.bpmn.IncidentBehavior;
import cn.relief.engine.record.IncidentRecord;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.JobRecord;
import cn.relief.engine.record.MessageSubscriptionRecord;
import cn.relief.engine.record.ProcessInstanceMigrationRecord;
import cn.relief.engine.record.ProcessInstanceMigrationRecord.MappingInstruction;
import cn.relief.engine.record.ProcessInstanceRecord;
import cn.relief.engine.record.SignalSubscriptionRecord;
import cn.relief.engine.record.TimerRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.DeployedProcess;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.ElementState;
import cn.relief.engine.state.EngineState;
import cn.relief.engine.state.JobState;
import cn.relief.engine.state.UserTaskState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves a running process instance to another process definition, as Zeebe's process instance
 * migration does: every active element instance goes to the element its mapping names, keeping
 * its key, variables, job, user task and incidents; the subscriptions of catch events that are
 * mapped move along, the others are closed, and the target's catch events that nothing moved to
 * are opened. Everything is checked before anything is written, so an instance is migrated whole
 * or not at all ({@link MigrationPlanCheck} says why not).
 */
public final class ProcessInstanceMigrationProcessor {
  private final BpmnElementProcessors processors;

  public ProcessInstanceMigrationProcessor(BpmnElementProcessors processors) {
    this.processors = processors;
  }

  /** One element instance, the element it becomes, and the subscriptions it will open. */
  private record Move(ElementInstance instance, ExecutableFlowNode target, ProcessInstanceRecord migrated,
      Set<String> keptCatchEvents, EventSubscriptionBehavior.Prepared openings) {}

  public void migrate(CommandContext ctx, long processInstanceKey, long targetProcessDefinitionKey,
      List<MappingInstruction> instructions, String requestedBy) {
    EngineState state = ctx.state();
    MigrationPlanCheck check = new MigrationPlanCheck(state, processInstanceKey);
    ElementInstance root = check.requireInstance();
    DeployedProcess source = state.processes().byKey(root.value().processDefinitionKey());
    DeployedProcess target = check.requireTarget(targetProcessDefinitionKey);
    Map<String, String> mapping = check.requireInstructions(instructions, source, target);
    List<ElementInstance> active = check.activeElements(root);
    check.requireMigratable(active, mapping, target);

    List<Move> moves = new ArrayList<>(active.size());
    for (ElementInstance instance : active) {
      ExecutableFlowNode node = instance == root
          ? target.executable().root()
          : target.executable().node(mapping.get(instance.value().elementId()));
      ProcessInstanceRecord migrated = instance.value().migrated(target.record().bpmnProcessId(),
          target.record().version(), target.key(),
          instance == root ? target.record().bpmnProcessId() : node.id());
      BpmnElementContext context = new BpmnElementContext(ctx, instance.key(), migrated, node);
      Set<String> kept = keptCatchEvents(state, instance, context, mapping);
      // an element still activating (its activation raised an incident) holds no subscriptions:
      // its activation opens them when it is retried, so opening them now would open them twice
      EventSubscriptionBehavior.Prepared openings = instance.state() == ElementState.ACTIVATED
          ? processors.subscriptions().prepare(context, kept::contains)
          : new EventSubscriptionBehavior.Prepared(List.of(), null);
      check.requireOpenable(instance, openings);
      check.requireSameMessageNames(state, instance, mapping, context, processors.subscriptions());
      moves.add(new Move(instance, node, migrated, kept, openings));
    }

    // nothing below rejects: from here on the instance is migrated whole
    for (Move move : moves) {
      ctx.writer().appendEvent(move.instance().key(), ValueType.PROCESS_INSTANCE, Intent.ProcessInstance.ELEMENT_MIGRATED,
          move.migrated());
    }
    for (Move move : moves) {
      migrateParts(ctx, move, mapping);
    }
    ctx.writer().appendEvent(processInstanceKey, ValueType.PROCESS_INSTANCE_MIGRATION,
        Intent.ProcessInstanceMigration.MIGRATED, new ProcessInstanceMigrationRecord(processInstanceKey,
            source.key(), target.key(), List.copyOf(instructions), target.record().bpmnProcessId(),
            root.value().tenantId(), requestedBy));
  }

  /**
   * The catch events of the target element whose subscriptions move along: those a subscribed
   * source event is mapped to. A mapping to an event of another kind (a timer to a message) is
   * refused: the subscription could not move, and dropping it silently would lose a deadline.
   */
  private static Set<String> keptCatchEvents(EngineState state, ElementInstance instance, BpmnElementContext target,
      Map<String, String> mapping) {
    Map<String, BpmnEventType> targetEvents = new HashMap<>();
    for (ExecutableFlowNode event : EventSubscriptionBehavior.catchEventsOf(target)) {
      targetEvents.put(event.id(), event.eventType());
    }
    Set<String> kept = new HashSet<>();
    long key = instance.key();
    for (long timer : state.timers().ofElementInstance(key)) {
      keep(instance, state.timers().get(timer).targetElementId(), BpmnEventType.TIMER, mapping, targetEvents, kept);
    }
    for (long message : state.messageSubscriptions().ofElementInstance(key)) {
      keep(instance, state.messageSubscriptions().get(message).elementId(), BpmnEventType.MESSAGE, mapping,
          targetEvents, kept);
    }
    for (long signal : state.signalSubscriptions().ofElementInstance(key)) {
      keep(instance, state.signalSubscriptions().get(signal).catchEventId(), BpmnEventType.SIGNAL, mapping,
          targetEvents, kept);
    }
    return kept;
  }

  private static void keep(ElementInstance instance, String sourceEvent, BpmnEventType kind, Map<String, String> mapping,
      Map<String, BpmnEventType> targetEvents, Set<String> kept) {
    String mapped = mapping.get(sourceEvent);
    if (mapped == null || !targetEvents.containsKey(mapped)) {
      return; // closed: the target element has no such catch event
    }
    if (targetEvents.get(mapped) != kind) {
      throw Rejections.invalidState(Intent.ProcessInstanceMigration.MIGRATE, "Expected to migrate process instance "
          + "'%d', but the %s catch event '%s' of element '%s' is mapped to '%s', a %s event; a catch event must be "
          + "mapped to one of the same kind", instance.value().processInstanceKey(), kind, sourceEvent,
          instance.value().elementId(), mapped, targetEvents.get(mapped));
    }
    kept.add(mapped);
  }

  private void migrateParts(CommandContext ctx, Move move, Map<String, String> mapping) {
    EngineState state = ctx.state();
    ProcessInstanceRecord to = move.migrated();
    long key = move.instance().key();
    if (move.instance().jobKey() > 0) {
      JobState.Job job = state.jobs().get(move.instance().jobKey());
      if (job != null) {
        JobRecord migrated = job.record().migrated(to.bpmnProcessId(), to.version(), to.processDefinitionKey(),
            to.elementId());
        ctx.writer().appendEvent(job.key(), ValueType.JOB, Intent.Job.MIGRATED, migrated);
        migrateIncident(ctx, state.incidents().ofJob(job.key()), to);
      }
    }
    UserTaskState.Task task = state.userTasks().ofElementInstance(key);
    if (task != null) {
      ctx.writer().appendEvent(task.key(), ValueType.USER_TASK, Intent.UserTask.MIGRATED,
          task.record().migrated(to.bpmnProcessId(), to.version(), to.processDefinitionKey(), to.elementId()));
    }
    migrateIncident(ctx, state.incidents().ofElementInstance(key), to);
    migrateSubscriptions(ctx, move, mapping);
    processors.subscriptions().open(new BpmnElementContext(ctx, key, to, move.target()), move.openings());
  }

  private static void migrateIncident(CommandContext ctx, long incidentKey, ProcessInstanceRecord to) {
    IncidentRecord incident = incidentKey > 0 ? ctx.state().incidents().get(incidentKey) : null;
    if (incident != null) {
      ctx.writer().appendEvent(incidentKey, ValueType.INCIDENT, Intent.Incident.MIGRATED, incident.migrated(
          to.bpmnProcessId(), to.processDefinitionKey(), to.elementId(),
          IncidentBehavior.processDefinitionPath(ctx, incident.elementInstanceKey())));
    }
  }

  /** Subscriptions of mapped catch events move to the target's event; the others are closed. */
  private static void migrateSubscriptions(CommandContext ctx, Move move, Map<String, String> mapping) {
    EngineState state = ctx.state();
    ProcessInstanceRecord to = move.migrated();
    long key = move.instance().key();
    for (long timerKey : List.copyOf(state.timers().ofElementInstance(key))) {
      TimerRecord timer = state.timers().get(timerKey);
      String mapped = mapping.get(timer.targetElementId());
      if (mapped != null && move.keptCatchEvents().contains(mapped)) {
        ctx.writer().appendEvent(timerKey, ValueType.TIMER, Intent.Timer.MIGRATED,
            timer.migrated(to.processDefinitionKey(), mapped));
      } else {
        ctx.writer().appendEvent(timerKey, ValueType.TIMER, Intent.Timer.CANCELED, timer);
      }
    }
    for (long subscriptionKey : List.copyOf(state.messageSubscriptions().ofElementInstance(key))) {
      MessageSubscriptionRecord subscription = state.messageSubscriptions().get(subscriptionKey);
      String mapped = mapping.get(subscription.elementId());
      if (mapped != null && move.keptCatchEvents().contains(mapped)) {
        boolean interrupting = interrupting(move.target(), mapped, subscription.interrupting());
        ctx.writer().appendEvent(subscriptionKey, ValueType.MESSAGE_SUBSCRIPTION, Intent.MessageSubscription.MIGRATED,
            subscription.migrated(to.processDefinitionKey(), to.bpmnProcessId(), mapped, interrupting));
      } else {
        ctx.writer().appendEvent(subscriptionKey, ValueType.MESSAGE_SUBSCRIPTION, Intent.MessageSubscription.DELETED,
            subscription);
      }
    }
    for (long subscriptionKey : List.copyOf(state.signalSubscriptions().ofElementInstance(key))) {
      SignalSubscriptionRecord subscription = state.signalSubscriptions().get(subscriptionKey);
      String mapped = mapping.get(subscription.catchEventId());
      if (mapped != null && move.keptCatchEvents().contains(mapped)) {
        ctx.writer().appendEvent(subscriptionKey, ValueType.SIGNAL_SUBSCRIPTION, Intent.SignalSubscription.MIGRATED,
            subscription.migrated(to.processDefinitionKey(), to.bpmnProcessId(), mapped));
      } else {
        ctx.writer().appendEvent(subscriptionKey, ValueType.SIGNAL_SUBSCRIPTION, Intent.SignalSubscription.DELETED,
            subscription);
      }
    }
  }

  /** Whether the target's catch event interrupts (a boundary event may change from one to the other). */
  private static boolean interrupting(ExecutableFlowNode target, String catchEventId, boolean fallback) {
    if (target.id().equals(catchEventId)) {
      return target.isInterrupting();
    }
    for (ExecutableFlowNode boundary : target.boundaryEvents()) {
      if (boundary.id().equals(catchEventId)) {
        return boundary.isInterrupting();
      }
    }
    for (ExecutableFlowNode eventSubProcess : target.eventSubProcesses()) {
      for (ExecutableFlowNode start : eventSubProcess.eventStartEvents()) {
        if (start.id().equals(catchEventId)) {
          return start.isInterrupting();
        }
      }
    }
    return fallback;
  }
}
