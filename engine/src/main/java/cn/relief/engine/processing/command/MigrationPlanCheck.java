package cn.relief.engine.processing.command;

import cn.relief.engine.bpmn.BpmnElementType;
import cn.relief.engine.bpmn.BpmnEventType;
import cn.relief.engine.bpmn.ExecutableFlowNode;
import cn.relief.engine.feel.EvaluationResult;
import cn.relief.engine.processing.Rejections;
import cn.relief.engine.processing.bpmn.BpmnElementContext;
import cn.relief.engine.processing.bpmn.EventSubscriptionBehavior;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.MessageSubscriptionRecord;
import cn.relief.engine.record.ProcessInstanceMigrationRecord.MappingInstruction;
import cn.relief.engine.state.DeployedProcess;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.EngineState;
import cn.relief.engine.state.UserTaskState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a migration must satisfy before anything is written, each refusal saying what was expected
 * and what was found (Zeebe's wording where Zeebe has one): the instance and the target exist,
 * the mapping instructions name existing elements once each, every active element is mapped to an
 * element of the same kind in the same (mapped) flow scope, and nothing is in a state that cannot
 * move (tokens waiting at a join, a user task in the middle of a change, pending compensations).
 */
final class MigrationPlanCheck {
  private static final Intent.ProcessInstanceMigration COMMAND = Intent.ProcessInstanceMigration.MIGRATE;

  private final EngineState state;
  private final long processInstanceKey;

  MigrationPlanCheck(EngineState state, long processInstanceKey) {
    this.state = state;
    this.processInstanceKey = processInstanceKey;
  }

  ElementInstance requireInstance() {
    ElementInstance root = state.elementInstances().get(processInstanceKey);
    if (root == null || root.value().bpmnElementType() != BpmnElementType.PROCESS) {
      throw Rejections.notFound(COMMAND, "Expected to migrate process instance with key '%d', but no such process "
          + "instance was found (it may have ended)", processInstanceKey);
    }
    return root;
  }

  DeployedProcess requireTarget(long targetProcessDefinitionKey) {
    DeployedProcess target = state.processes().byKey(targetProcessDefinitionKey);
    if (target == null) {
      throw Rejections.notFound(COMMAND, "Expected to migrate process instance '%d' to process definition with key "
          + "'%d', but no such process definition was found", processInstanceKey, targetProcessDefinitionKey);
    }
    return target;
  }

  /** The instructions as source id to target id, each naming existing elements, each source once. */
  Map<String, String> requireInstructions(List<MappingInstruction> instructions, DeployedProcess source,
      DeployedProcess target) {
    Map<String, String> mapping = new LinkedHashMap<>();
    for (MappingInstruction instruction : instructions == null ? List.<MappingInstruction>of() : instructions) {
      String from = instruction.sourceElementId();
      String to = instruction.targetElementId();
      if (from == null || from.isBlank() || to == null || to.isBlank()) {
        throw Rejections.invalidArgument(COMMAND, "Expected every mapping instruction of the migration of process "
            + "instance '%d' to name a source and a target element, but found '%s' -> '%s'", processInstanceKey, from, to);
      }
      if (source.executable().node(from) == null) {
        throw Rejections.invalidArgument(COMMAND, "Expected to migrate process instance '%d', but mapping instructions "
            + "contain a non-existing source element id '%s'. Elements provided in mapping instructions must exist in "
            + "the source process definition.", processInstanceKey, from);
      }
      if (target.executable().node(to) == null) {
        throw Rejections.invalidArgument(COMMAND, "Expected to migrate process instance '%d', but mapping instructions "
            + "contain a non-existing target element id '%s'. Elements provided in mapping instructions must exist in "
            + "the target process definition.", processInstanceKey, to);
      }
      if (mapping.put(from, to) != null) {
        throw Rejections.invalidArgument(COMMAND, "Expected to migrate process instance '%d', but the mapping "
            + "instructions contain the source element id '%s' more than once; map each element once",
            processInstanceKey, from);
      }
    }
    return mapping;
  }

  /** The instance's element instances, the process first and every scope before its children. */
  List<ElementInstance> activeElements(ElementInstance root) {
    List<ElementInstance> elements = new ArrayList<>();
    collect(root, elements);
    return elements;
  }

  private void collect(ElementInstance instance, List<ElementInstance> elements) {
    elements.add(instance);
    for (long child : instance.children()) {
      ElementInstance element = state.elementInstances().get(child);
      if (element != null) {
        collect(element, elements);
      }
    }
  }

  void requireMigratable(List<ElementInstance> active, Map<String, String> mapping, DeployedProcess target) {
    if (!state.compensations().compensableWithin(processInstanceKey, processInstanceKey).isEmpty()) {
      throw Rejections.invalidState(COMMAND, "Expected to migrate process instance '%d', but it has completed "
          + "activities waiting to be compensated; instances with compensation subscriptions cannot be migrated yet",
          processInstanceKey);
    }
    for (ElementInstance instance : active) {
      if (instance.hasWaitingTokens()) {
        throw Rejections.invalidState(COMMAND, "Expected to migrate process instance '%d', but tokens wait at a joining "
            + "gateway in element '%s'; migrate it when the gateway has joined", processInstanceKey,
            instance.value().elementId());
      }
      if (instance.value().bpmnElementType() != BpmnElementType.PROCESS) {
        requireMapped(instance, mapping, target);
      }
    }
  }

  private void requireMapped(ElementInstance instance, Map<String, String> mapping, DeployedProcess target) {
    String sourceId = instance.value().elementId();
    BpmnElementType type = instance.value().bpmnElementType();
    String targetId = mapping.get(sourceId);
    if (targetId == null) {
      throw Rejections.invalidState(COMMAND, "Expected to migrate process instance '%d', but no mapping instruction "
          + "defined for active element with id '%s'. Elements cannot be migrated without a mapping.",
          processInstanceKey, sourceId);
    }
    ExecutableFlowNode node = target.executable().node(targetId);
    ElementInstance scope = state.elementInstances().get(instance.value().flowScopeKey());
    boolean innerOfMultiInstance = scope != null
        && scope.value().bpmnElementType() == BpmnElementType.MULTI_INSTANCE_BODY;
    if (type == BpmnElementType.MULTI_INSTANCE_BODY || innerOfMultiInstance) {
      if (node.loop() == null) {
        throw Rejections.invalidState(COMMAND, "Expected to migrate process instance '%d', but active multi-instance "
            + "element with id '%s' is mapped to element with id '%s', which is not a multi-instance activity",
            processInstanceKey, sourceId, targetId);
      }
    } else if (node.loop() != null) {
      throw Rejections.invalidState(COMMAND, "Expected to migrate process instance '%d', but active element with id "
          + "'%s' is mapped to the multi-instance activity '%s'; a single instance cannot become a multi-instance one",
          processInstanceKey, sourceId, targetId);
    }
    if (type != BpmnElementType.MULTI_INSTANCE_BODY && node.type() != type) {
      throw Rejections.invalidState(COMMAND, "Expected to migrate process instance '%d', but active element with id "
          + "'%s' and type '%s' is mapped to an element with id '%s' and different type '%s'. Elements must be mapped "
          + "to elements of the same type.", processInstanceKey, sourceId, type, targetId, node.type());
    }
    BpmnEventType eventType = instance.value().bpmnEventType();
    if (eventType != null && eventType != BpmnEventType.UNSPECIFIED && node.eventType() != eventType) {
      throw Rejections.invalidState(COMMAND, "Expected to migrate process instance '%d', but active element with id "
          + "'%s' and event type '%s' is mapped to an element with id '%s' and different event type '%s'. Events must "
          + "be mapped to events of the same type.", processInstanceKey, sourceId, eventType, targetId, node.eventType());
    }
    if (type == BpmnElementType.EVENT_BASED_GATEWAY) {
      throw Rejections.invalidState(COMMAND, "Expected to migrate process instance '%d', but active element with id "
          + "'%s' is an event-based gateway; instances waiting at one cannot be migrated yet", processInstanceKey, sourceId);
    }
    UserTaskState.Task task = state.userTasks().ofElementInstance(instance.key());
    if (task != null && task.state() != UserTaskState.LifecycleState.CREATED) {
      throw Rejections.invalidState(COMMAND, "Expected to migrate process instance '%d', but user task '%d' of active "
          + "element '%s' is in state '%s'; migrate it when its change (and its task listeners) finished",
          processInstanceKey, task.key(), sourceId, task.state());
    }
    String expectedScope = scope == null || scope.value().bpmnElementType() == BpmnElementType.PROCESS
        ? target.executable().root().id()
        : mapping.get(scope.value().elementId());
    String actualScope = innerOfMultiInstance ? targetId : node.flowScope().id();
    if (!actualScope.equals(expectedScope)) {
      throw Rejections.invalidState(COMMAND, "Expected to migrate process instance '%d', but the flow scope of active "
          + "element with id '%s' is changed. The flow scope of the active element is expected to be '%s' but was '%s'. "
          + "The flow scope of an element cannot be changed during migration yet.",
          processInstanceKey, sourceId, expectedScope, actualScope);
    }
  }

  void requireOpenable(ElementInstance instance, EventSubscriptionBehavior.Prepared openings) {
    if (openings.failure() != null) {
      throw Rejections.invalidState(COMMAND, "Expected to migrate process instance '%d', but the catch events of "
          + "element '%s' in the target cannot be subscribed to: %s", processInstanceKey, instance.value().elementId(),
          openings.failure());
    }
  }

  /** A message subscription that moves along keeps its name: the target's event must wait for the same message. */
  void requireSameMessageNames(EngineState state, ElementInstance instance, Map<String, String> mapping,
      BpmnElementContext target, EventSubscriptionBehavior subscriptions) {
    for (long key : state.messageSubscriptions().ofElementInstance(instance.key())) {
      MessageSubscriptionRecord subscription = state.messageSubscriptions().get(key);
      String mapped = mapping.get(subscription.elementId());
      ExecutableFlowNode event = mapped == null ? null : catchEvent(target, mapped);
      if (event == null || event.message() == null) {
        continue; // closed, not moved (or moved to a non-message event: then it is not kept either)
      }
      EvaluationResult name = subscriptions.messageName(target, event);
      if (name.isFailure() || !subscription.messageName().equals(name.value())) {
        throw Rejections.invalidState(COMMAND, "Expected to migrate process instance '%d', but the message catch event "
            + "'%s' waiting for message '%s' is mapped to '%s', which waits for message '%s'; a subscription keeps its "
            + "message name", processInstanceKey, subscription.elementId(), subscription.messageName(), mapped,
            name.isFailure() ? name.failure() : name.value());
      }
    }
  }

  private static ExecutableFlowNode catchEvent(BpmnElementContext target, String id) {
    for (ExecutableFlowNode event : EventSubscriptionBehavior.catchEventsOf(target)) {
      if (event.id().equals(id)) {
        return event;
      }
    }
    return null;
  }
}
