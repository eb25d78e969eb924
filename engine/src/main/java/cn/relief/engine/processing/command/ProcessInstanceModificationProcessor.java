package cn.relief.engine.processing.command;

import cn.relief.engine.bpmn.BpmnElementType;
import cn.relief.engine.bpmn.ExecutableFlowNode;
import cn.relief.engine.bpmn.ExecutableProcess;
import cn.relief.engine.bpmn.ExecutableSequenceFlow;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.processing.Rejections;
import cn.relief.engine.processing.bpmn.BpmnElementContext;
import cn.relief.engine.processing.bpmn.BpmnElementProcessors;
import cn.relief.engine.processing.bpmn.EventSubscriptionBehavior;
import cn.relief.engine.processing.bpmn.VariableBehavior;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.ProcessInstanceModificationRecord;
import cn.relief.engine.record.ProcessInstanceModificationRecord.ActivateInstruction;
import cn.relief.engine.record.ProcessInstanceModificationRecord.TerminateInstruction;
import cn.relief.engine.record.ProcessInstanceModificationRecord.VariableInstruction;
import cn.relief.engine.record.ProcessInstanceRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.DeployedProcess;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.ElementState;
import cn.relief.engine.state.EngineState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Repairs a running process instance as Zeebe's process instance modification does: activate
 * instructions create an element instance of the named element (creating the flow scope instances
 * it needs, or in the ancestor the caller chose) after setting the instruction's variables; terminate
 * instructions terminate element instances with their children, through the normal termination
 * path (jobs, user tasks, timers and subscriptions are cancelled, incidents resolved). A flow scope
 * the terminations leave without active element instances, and into which nothing is activated,
 * is terminated too, up to the process instance itself.
 *
 * <p>Everything is checked before anything is written: a modification is applied whole or refused.
 */
public final class ProcessInstanceModificationProcessor {
  private static final Intent.ProcessInstanceModification COMMAND = Intent.ProcessInstanceModification.MODIFY;

  private final BpmnElementProcessors processors;
  private final VariableBehavior variables;

  public ProcessInstanceModificationProcessor(BpmnElementProcessors processors, VariableBehavior variables) {
    this.processors = processors;
    this.variables = variables;
  }

  /**
   * One checked activation: the existing scope instance it goes into ({@code anchor}), the flow
   * scopes to create below it (outermost first, each with its prepared subscriptions), the element,
   * and per variable instruction the element id of its scope ("" for the process instance).
   */
  private record Activation(ActivateInstruction instruction, ExecutableFlowNode element, ElementInstance anchor,
      List<ExecutableFlowNode> scopesToCreate, List<EventSubscriptionBehavior.Prepared> scopeSubscriptions) {}

  public void modify(CommandContext ctx, long processInstanceKey, List<ActivateInstruction> activateInstructions,
      List<TerminateInstruction> terminateInstructions, String requestedBy) {
    EngineState state = ctx.state();
    List<ActivateInstruction> activations = activateInstructions == null ? List.of() : activateInstructions;
    List<TerminateInstruction> terminations = terminateInstructions == null ? List.of() : terminateInstructions;
    ElementInstance root = state.elementInstances().get(processInstanceKey);
    if (root == null || root.value().bpmnElementType() != BpmnElementType.PROCESS) {
      throw Rejections.notFound(COMMAND, "Expected to modify process instance with key '%d', but no such process "
          + "instance was found (it may have ended)", processInstanceKey);
    }
    if (root.state() != ElementState.ACTIVATED) {
      throw Rejections.invalidState(COMMAND, "Expected to modify an active process instance, but process instance "
          + "'%d' is %s", processInstanceKey, root.state());
    }
    DeployedProcess process = state.processes().byKey(root.value().processDefinitionKey());
    ExecutableProcess executable = process.executable();
    String processId = root.value().bpmnProcessId();

    // ---- terminate instructions: active element instances of this process instance
    Set<Long> asked = new LinkedHashSet<>();
    for (TerminateInstruction instruction : terminations) {
      long key = instruction.elementInstanceKey();
      ElementInstance instance = state.elementInstances().get(key);
      if (key == processInstanceKey) {
        throw Rejections.invalidArgument(COMMAND, "Expected to terminate element instances of process instance "
            + "'%d', but the terminate instruction names the process instance itself; cancel the process instance "
            + "instead", processInstanceKey);
      }
      if (instance == null || instance.value().processInstanceKey() != processInstanceKey) {
        throw Rejections.invalidArgument(COMMAND, "Expected to modify process instance '%d' of process '%s', but it "
            + "contains a terminate instruction with an element instance that could not be found: '%d'",
            processInstanceKey, processId, key);
      }
      if (!instance.state().isActive()) {
        throw Rejections.invalidState(COMMAND, "Expected to terminate an active element instance of process instance "
            + "'%d', but element instance '%d' of '%s' is %s", processInstanceKey, key, instance.value().elementId(),
            instance.state());
      }
      asked.add(key);
    }

    // ---- activate instructions: an activatable element, its flow scope found or created, its variable scopes
    List<Activation> checked = new ArrayList<>();
    for (ActivateInstruction instruction : activations) {
      checked.add(checkActivation(ctx, root, executable, processId, instruction, asked));
    }

    // ---- which instances end: those asked for, or the flow scope they leave empty (nothing activated in it)
    Set<Long> keptAlive = new HashSet<>();
    for (Activation activation : checked) {
      for (ElementInstance scope = activation.anchor(); scope != null;
          scope = state.elementInstances().get(scope.parentKey())) {
        keptAlive.add(scope.key());
      }
    }
    Set<Long> terminated = emptiedScopes(state, withoutDescendants(state, asked), keptAlive);
    if (terminated.contains(processInstanceKey) && root.value().parentProcessInstanceKey() > 0) {
      throw Rejections.invalidState(COMMAND, "Expected the modification to leave process instance '%d' with an "
          + "active element, but it would terminate all of them, and the instance was called by process instance "
          + "'%d'; activate an element in it too, or modify the calling instance", processInstanceKey,
          root.value().parentProcessInstanceKey());
    }

    // nothing below rejects: from here on the modification is applied whole
    List<Long> activated = new ArrayList<>();
    for (Activation activation : checked) {
      activated.add(activate(ctx, root, activation));
    }
    for (long key : terminated) {
      ElementInstance instance = state.elementInstances().get(key);
      if (instance != null) {
        processors.terminate(processors.contextOf(ctx, instance));
      }
    }
    ctx.writer().appendEvent(processInstanceKey, ValueType.PROCESS_INSTANCE_MODIFICATION,
        Intent.ProcessInstanceModification.MODIFIED, new ProcessInstanceModificationRecord(processInstanceKey,
            List.copyOf(activations), List.copyOf(terminations), List.copyOf(activated), List.copyOf(terminated),
            processId, root.value().processDefinitionKey(), root.value().tenantId(), requestedBy));
  }

  private Activation checkActivation(CommandContext ctx, ElementInstance root, ExecutableProcess executable,
      String processId, ActivateInstruction instruction, Set<Long> terminating) {
    long processInstanceKey = root.key();
    String elementId = instruction.elementId();
    if (elementId == null || elementId.isBlank()) {
      throw Rejections.invalidArgument(COMMAND, "Expected every activate instruction of the modification of process "
          + "instance '%d' to name an element, but one has no element id", processInstanceKey);
    }
    ExecutableFlowNode element = executable.node(elementId);
    if (element == null || element == executable.root()) {
      if (executable.flow(elementId) != null) {
        throw unsupported(processInstanceKey, processId, elementId, "it is a sequence flow; activate its target instead");
      }
      throw Rejections.invalidArgument(COMMAND, "Expected to modify process instance '%d' of process '%s', but it "
          + "contains an activate instruction with an element that could not be found: '%s'", processInstanceKey,
          processId, elementId);
    }
    requireActivatable(processInstanceKey, processId, element);

    // the flow scopes of the element, innermost first, ending with the process
    List<ExecutableFlowNode> scopes = new ArrayList<>();
    for (ExecutableFlowNode scope = element.flowScope(); scope != null; scope = scope.flowScope()) {
      if (scope.loop() != null) {
        throw unsupported(processInstanceKey, processId, elementId, "it is nested in the multi-instance element '"
            + scope.id() + "'; only the multi-instance element itself can be activated");
      }
      scopes.add(scope);
    }

    ElementInstance anchor;
    List<ExecutableFlowNode> toCreate = new ArrayList<>();
    long ancestorKey = instruction.ancestorElementInstanceKey();
    if (ancestorKey > 0) {
      anchor = ctx.state().elementInstances().get(ancestorKey);
      if (anchor == null || anchor.value().processInstanceKey() != processInstanceKey
          || anchor.state() != ElementState.ACTIVATED || terminatedWith(ctx.state(), anchor, terminating)) {
        throw Rejections.invalidArgument(COMMAND, "Expected the ancestor element instance '%d' of the activation of "
            + "'%s' to be an active element instance of process instance '%d', but %s", ancestorKey, elementId,
            processInstanceKey, anchor == null || anchor.value().processInstanceKey() != processInstanceKey
                ? "no such element instance was found in it"
                : terminatedWith(ctx.state(), anchor, terminating) ? "this modification terminates it"
                    : "it is " + anchor.state());
      }
      int level = levelOf(scopes, anchor, root);
      if (level < 0) {
        throw Rejections.invalidArgument(COMMAND, "Expected the ancestor element instance '%d' of the activation of "
            + "'%s' to be an instance of one of its flow scopes (%s), but it is an instance of '%s'", ancestorKey,
            elementId, scopes.stream().map(ExecutableFlowNode::id).collect(Collectors.joining(", ")),
            anchor.value().elementId());
      }
      for (int i = level - 1; i >= 0; i--) {
        toCreate.add(scopes.get(i));
      }
    } else {
      anchor = root;
      for (int i = 0; i < scopes.size() - 1; i++) {
        ExecutableFlowNode scope = scopes.get(i);
        List<ElementInstance> found = activeInstancesOf(ctx.state(), root, scope.id(), terminating);
        if (found.size() > 1) {
          throw Rejections.invalidArgument(COMMAND, "Expected to find one active instance of the flow scope '%s' to "
              + "activate '%s' in, but found %d (%s); choose one with an ancestor element instance key",
              scope.id(), elementId, found.size(),
              found.stream().map(f -> String.valueOf(f.key())).collect(Collectors.joining(", ")));
        }
        if (found.size() == 1) {
          anchor = found.get(0);
          break;
        }
        toCreate.add(0, scope);
      }
    }

    // variable scopes: the element itself, one of its flow scopes, or (empty) the process instance
    Set<String> allowed = new LinkedHashSet<>();
    allowed.add(elementId);
    scopes.forEach(s -> allowed.add(s.id()));
    for (VariableInstruction variableInstruction : instruction.variableInstructions() == null
        ? List.<VariableInstruction>of() : instruction.variableInstructions()) {
      String scopeId = variableInstruction.scopeId();
      if (scopeId != null && !scopeId.isBlank() && !allowed.contains(scopeId)) {
        throw Rejections.invalidArgument(COMMAND, "Expected the variable scope of the activation of '%s' to be the "
            + "element or one of its flow scopes (%s), or empty for the process instance, but it was '%s'",
            elementId, String.join(", ", allowed), scopeId);
      }
    }

    // the flow scopes created for the element open their own subscriptions (boundary events, event sub-processes)
    List<EventSubscriptionBehavior.Prepared> subscriptions = new ArrayList<>();
    for (ExecutableFlowNode scope : toCreate) {
      BpmnElementContext context = new BpmnElementContext(ctx, anchor.key(),
          anchor.value().withElement(scope.id(), scope.type(), scope.eventType(), anchor.key()), scope);
      EventSubscriptionBehavior.Prepared prepared = processors.subscriptions().prepare(context, id -> false);
      if (prepared.failure() != null) {
        throw Rejections.invalidState(COMMAND, "Expected to create an instance of the flow scope '%s' to activate "
            + "'%s' in, but its catch events cannot be subscribed to: %s", scope.id(), elementId, prepared.failure());
      }
      subscriptions.add(prepared);
    }
    return new Activation(instruction, element, anchor, List.copyOf(toCreate), List.copyOf(subscriptions));
  }

  private static void requireActivatable(long processInstanceKey, String processId, ExecutableFlowNode element) {
    String id = element.id();
    switch (element.type()) {
      case START_EVENT -> throw unsupported(processInstanceKey, processId, id,
          "it is a start event; activate the element after it instead");
      case BOUNDARY_EVENT -> throw unsupported(processInstanceKey, processId, id,
          "it is a boundary event; activate the element after it instead");
      case EVENT_SUB_PROCESS -> throw unsupported(processInstanceKey, processId, id,
          "it is an event sub-process, which only its start event can start; activate an element inside it instead");
      case SEQUENCE_FLOW -> throw unsupported(processInstanceKey, processId, id,
          "it is a sequence flow; activate its target instead");
      default -> { }
    }
    if (element.isForCompensation()) {
      throw unsupported(processInstanceKey, processId, id, "it is a compensation handler, which only compensation "
          + "activates");
    }
    for (ExecutableSequenceFlow incoming : element.incoming()) {
      if (incoming.source() != null && incoming.source().type() == BpmnElementType.EVENT_BASED_GATEWAY) {
        throw unsupported(processInstanceKey, processId, id, "it belongs to the event-based gateway '"
            + incoming.source().id() + "'; activate the gateway instead");
      }
    }
  }

  private static RuntimeException unsupported(long processInstanceKey, String processId, String elementId,
      String why) {
    return Rejections.invalidArgument(COMMAND, "Expected to modify process instance '%d' of process '%s', but the "
        + "element '%s' cannot be activated: %s", processInstanceKey, processId, elementId, why);
  }

  /** Whether the instance or one of its flow scopes is terminated by this modification. */
  private static boolean terminatedWith(EngineState state, ElementInstance instance, Set<Long> terminating) {
    for (ElementInstance scope = instance; scope != null; scope = state.elementInstances().get(scope.parentKey())) {
      if (terminating.contains(scope.key())) {
        return true;
      }
    }
    return false;
  }

  /** The index in {@code scopes} of the flow scope {@code anchor} is an instance of, or -1. */
  private static int levelOf(List<ExecutableFlowNode> scopes, ElementInstance anchor, ElementInstance root) {
    if (anchor.key() == root.key()) {
      return scopes.size() - 1;
    }
    BpmnElementType type = anchor.value().bpmnElementType();
    if (type != BpmnElementType.SUB_PROCESS && type != BpmnElementType.EVENT_SUB_PROCESS) {
      return -1;
    }
    for (int i = 0; i < scopes.size() - 1; i++) {
      if (scopes.get(i).id().equals(anchor.value().elementId())) {
        return i;
      }
    }
    return -1;
  }

  /** Active (ACTIVATED) instances of a sub-process element in the process instance that this modification keeps. */
  private static List<ElementInstance> activeInstancesOf(EngineState state, ElementInstance root, String elementId,
      Set<Long> terminating) {
    List<ElementInstance> found = new ArrayList<>();
    collect(state, root, elementId, terminating, found);
    return found;
  }

  private static void collect(EngineState state, ElementInstance scope, String elementId, Set<Long> terminating,
      List<ElementInstance> found) {
    for (long childKey : scope.children()) {
      ElementInstance child = state.elementInstances().get(childKey);
      if (child == null || terminating.contains(childKey)) {
        continue;
      }
      BpmnElementType type = child.value().bpmnElementType();
      if ((type == BpmnElementType.SUB_PROCESS || type == BpmnElementType.EVENT_SUB_PROCESS)
          && child.value().elementId().equals(elementId) && child.state() == ElementState.ACTIVATED) {
        found.add(child);
      }
      collect(state, child, elementId, terminating, found);
    }
  }

  /** The asked keys without those an asked ancestor terminates anyway. */
  private static Set<Long> withoutDescendants(EngineState state, Set<Long> asked) {
    Set<Long> result = new LinkedHashSet<>();
    for (long key : asked) {
      boolean covered = false;
      ElementInstance instance = state.elementInstances().get(key);
      for (long up = instance.parentKey(); up > 0; ) {
        if (asked.contains(up)) {
          covered = true;
          break;
        }
        ElementInstance scope = state.elementInstances().get(up);
        up = scope == null ? -1 : scope.parentKey();
      }
      if (!covered) {
        result.add(key);
      }
    }
    return result;
  }

  /**
   * The instances to terminate: a flow scope all of whose active children are terminated, and into
   * which nothing is activated, is terminated instead of them (repeatedly, up to the process instance).
   */
  private static Set<Long> emptiedScopes(EngineState state, Set<Long> terminate, Set<Long> keptAlive) {
    Set<Long> result = new LinkedHashSet<>(terminate);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (long key : List.copyOf(result)) {
        if (!result.contains(key)) {
          continue;
        }
        ElementInstance instance = state.elementInstances().get(key);
        long scopeKey = instance.parentKey();
        ElementInstance scope = scopeKey > 0 ? state.elementInstances().get(scopeKey) : null;
        if (scope == null || keptAlive.contains(scopeKey) || result.contains(scopeKey)
            || !result.containsAll(scope.children())) {
          continue;
        }
        result.removeAll(scope.children());
        result.add(scopeKey);
        changed = true;
      }
    }
    return Collections.unmodifiableSet(result);
  }

  /** Creates the missing flow scopes, sets the variables, activates the element; returns its key. */
  private long activate(CommandContext ctx, ElementInstance root, Activation activation) {
    Map<String, Long> scopeKeys = new HashMap<>();
    scopeKeys.put("", root.key());
    for (ElementInstance scope = activation.anchor(); scope != null;
        scope = ctx.state().elementInstances().get(scope.parentKey())) {
      scopeKeys.putIfAbsent(scope.key() == root.key() ? root.value().elementId() : scope.value().elementId(),
          scope.key());
    }
    long parentKey = activation.anchor().key();
    ProcessInstanceRecord parentRecord = activation.anchor().value();
    for (int i = 0; i < activation.scopesToCreate().size(); i++) {
      ExecutableFlowNode node = activation.scopesToCreate().get(i);
      long key = ctx.state().keys().nextKey();
      ProcessInstanceRecord record = parentRecord.withElement(node.id(), node.type(), node.eventType(), parentKey);
      ctx.writer().appendEvent(key, ValueType.PROCESS_INSTANCE, Intent.ProcessInstance.ELEMENT_ACTIVATING, record);
      ctx.writer().appendEvent(key, ValueType.PROCESS_INSTANCE, Intent.ProcessInstance.ELEMENT_ACTIVATED, record);
      processors.subscriptions().open(new BpmnElementContext(ctx, key, record, node),
          activation.scopeSubscriptions().get(i));
      scopeKeys.put(node.id(), key);
      parentKey = key;
      parentRecord = record;
    }
    long elementKey = processors.transitions().activateChild(ctx, parentKey, parentRecord, activation.element());
    scopeKeys.put(activation.element().id(), elementKey);
    ProcessInstanceRecord owner = ctx.state().elementInstances().get(elementKey).value();
    List<VariableInstruction> instructions = activation.instruction().variableInstructions();
    for (VariableInstruction instruction : instructions == null ? List.<VariableInstruction>of() : instructions) {
      String scopeId = instruction.scopeId() == null ? "" : instruction.scopeId().trim();
      Long scopeKey = scopeKeys.get(scopeId);
      variables.mergeLocal(ctx, scopeKey == null ? root.key() : scopeKey, owner, instruction.variables());
    }
    return elementKey;
  }
}
