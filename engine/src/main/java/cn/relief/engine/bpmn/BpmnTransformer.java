package cn.relief.engine.bpmn;

import cn.relief.engine.feel.Expression;
import cn.relief.engine.feel.ExpressionLanguage;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.AdHocSubProcess;
import io.camunda.zeebe.model.bpmn.instance.Association;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.IntermediateThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.ManualTask;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.ScriptTask;
import io.camunda.zeebe.model.bpmn.instance.SendTask;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.Task;
import io.camunda.zeebe.model.bpmn.instance.Transaction;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeVersionTag;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.camunda.bpm.model.xml.ModelException;

/**
 * Turns a BPMN resource into executable processes, or explains precisely why it cannot: every
 * problem is collected with the element id, so that policy staff see all of them at once. What
 * Camunda 8.8 does not execute is refused here rather than ignored at run time.
 */
public final class BpmnTransformer {
  private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE|<!ENTITY", Pattern.CASE_INSENSITIVE);
  /**
   * How deep (embedded or event) sub-processes may nest. Reading, validating and running a scope
   * recurses into its children; 5,000 nested sub-processes overflowed the writer thread's stack
   * (found by DeployersPropertiesTest). Relief models nest two or three levels.
   */
  public static final int MAX_SCOPE_DEPTH = 100;

  private final ExpressionLanguage expressions;

  public BpmnTransformer(ExpressionLanguage expressions) {
    this.expressions = expressions;
  }

  /**
   * The outcome: the executable processes, or the list of problems found; {@code located} holds the
   * same problems with the id of the element each is about, so that a modeler can mark it.
   */
  public record Result(List<ExecutableProcess> processes, List<String> problems, List<Problem> located) {
    public boolean isValid() {
      return problems.isEmpty();
    }
  }

  /** One problem: the element it is about ({@code null} when it is about the whole resource) and the message. */
  public record Problem(String elementId, String message) {}

  public Result transform(String resourceName, byte[] resource) {
    Problems problems = new Problems();
    String head = new String(resource, 0, Math.min(resource.length, 64 * 1024), StandardCharsets.UTF_8);
    // The XML parser underneath would resolve entities; a relief system must never let a model
    // read files or reach hosts, so any document type declaration is refused before parsing.
    if (DOCTYPE.matcher(head).find()) {
      problems.add("Expected a BPMN document without a DOCTYPE declaration or entities, but '"
          + resourceName + "' declares one (external entities are not allowed)");
      return new Result(List.of(), problems.list(), problems.located());
    }
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource));
    } catch (RuntimeException e) {
      problems.add("Expected a valid BPMN document in '" + resourceName + "', but it could not be parsed: "
          + rootMessage(e));
      return new Result(List.of(), problems.list(), problems.located());
    }
    List<ExecutableProcess> processes = new ArrayList<>();
    for (Process process : model.getModelElementsByType(Process.class)) {
      if (process.isExecutable()) {
        try {
          processes.add(transformProcess(model, process, problems));
        } catch (ClassCastException | ModelException e) {
          // The model API resolves references by casting: e.g. an errorRef or a gateway's default
          // naming an element of another kind throws there. That is bad input, not an engine bug;
          // the common ones (sequence flows, boundary events) are reported with their element above.
          problems.add(process, "expected every reference to name an element of the right kind, but one does not ("
              + rootMessage(e) + ")");
        }
      }
    }
    if (processes.isEmpty() && problems.isEmpty()) {
      problems.add("Expected at least one executable process in '" + resourceName + "', but found none");
    }
    return new Result(processes, problems.list(), problems.located());
  }

  private ExecutableProcess transformProcess(BpmnModelInstance model, Process process, Problems problems) {
    ExecutableProcess executable = new ExecutableProcess(process.getId(), process.getName());
    ZeebeVersionTag versionTag = process.getSingleExtensionElement(ZeebeVersionTag.class);
    if (versionTag != null && versionTag.getValue() != null && !versionTag.getValue().isBlank()) {
      executable.setVersionTag(versionTag.getValue().trim());
    }
    ElementReader elements = new ElementReader(expressions, problems);
    EventReader events = new EventReader(expressions, problems, elements);
    List<SequenceFlow> flows = new ArrayList<>();
    Map<FlowNode, ExecutableFlowNode> read = new HashMap<>();
    readScope(process.getFlowElements(), executable.root(), 0, executable, flows, read, elements, events, problems);
    connectFlows(flows, executable, problems);
    for (Map.Entry<FlowNode, ExecutableFlowNode> entry : read.entrySet()) {
      FlowNode element = entry.getKey();
      ExecutableFlowNode node = entry.getValue();
      if (element instanceof BoundaryEvent boundary) {
        attach(boundary, node, executable, problems);
      }
      if (element instanceof ExclusiveGateway || element instanceof InclusiveGateway) {
        validateForkingGateway(element, node, executable, problems);
      } else if (element instanceof EventBasedGateway) {
        validateEventBasedGateway(element, node, problems);
      } else if (!(element instanceof ParallelGateway) && node.outgoing().stream().anyMatch(f -> f.condition() != null)) {
        problems.add(element, "conditions are only supported on flows leaving an exclusive or inclusive gateway");
      }
    }
    linkCompensationHandlers(model, executable, problems);
    linkLinkEvents(executable, read, problems);
    computeInclusiveJoins(executable);
    validateContainer(process, executable.root(), problems, true);
    return executable;
  }

  private void readScope(Collection<FlowElement> children, ExecutableFlowNode scope, int depth,
      ExecutableProcess executable,
      List<SequenceFlow> flows, Map<FlowNode, ExecutableFlowNode> read, ElementReader elements, EventReader events,
      Problems problems) {
    for (FlowElement element : children) {
      if (element instanceof SequenceFlow flow) {
        flows.add(flow);
        continue;
      }
      if (!(element instanceof FlowNode flowNode)) {
        continue; // data objects and the like carry no behaviour
      }
      BpmnElementType type = typeOf(flowNode, problems);
      if (type == null) {
        continue;
      }
      ExecutableFlowNode node = new ExecutableFlowNode(element.getId(), element.getName(), type);
      node.setFlowScope(scope);
      executable.add(node);
      read.put(flowNode, node);
      if (type == BpmnElementType.EVENT_SUB_PROCESS) {
        scope.eventSubProcesses().add(node);
      } else {
        scope.childNodes().add(node);
      }
      elements.read(flowNode, node);
      events.read(flowNode, node, scope);
      if (flowNode instanceof SubProcess subProcess) {
        if (depth + 1 > MAX_SCOPE_DEPTH) {
          problems.add(subProcess, "expected sub-processes to nest at most " + MAX_SCOPE_DEPTH
              + " levels deep, but this one is nested deeper");
          continue;
        }
        readScope(subProcess.getFlowElements(), node, depth + 1, executable, flows, read, elements, events, problems);
        validateContainer(subProcess, node, problems, false);
      }
    }
  }

  private static BpmnElementType typeOf(FlowNode element, Problems problems) {
    if (element instanceof Transaction) {
      problems.add(element, "transaction sub-processes are not supported (as in Camunda 8.8)");
      return null;
    } else if (element instanceof AdHocSubProcess) {
      problems.add(element, "ad-hoc sub-processes are not supported by this engine yet");
      return null;
    } else if (element instanceof SubProcess subProcess) {
      return subProcess.triggeredByEvent() ? BpmnElementType.EVENT_SUB_PROCESS : BpmnElementType.SUB_PROCESS;
    } else if (element instanceof CallActivity) {
      return BpmnElementType.CALL_ACTIVITY;
    } else if (element instanceof StartEvent) {
      return BpmnElementType.START_EVENT;
    } else if (element instanceof EndEvent) {
      return BpmnElementType.END_EVENT;
    } else if (element instanceof IntermediateCatchEvent) {
      return BpmnElementType.INTERMEDIATE_CATCH_EVENT;
    } else if (element instanceof IntermediateThrowEvent) {
      return BpmnElementType.INTERMEDIATE_THROW_EVENT;
    } else if (element instanceof BoundaryEvent) {
      return BpmnElementType.BOUNDARY_EVENT;
    } else if (element instanceof ServiceTask) {
      return BpmnElementType.SERVICE_TASK;
    } else if (element instanceof SendTask) {
      return BpmnElementType.SEND_TASK;
    } else if (element instanceof ReceiveTask) {
      return BpmnElementType.RECEIVE_TASK;
    } else if (element instanceof ScriptTask) {
      return BpmnElementType.SCRIPT_TASK;
    } else if (element instanceof BusinessRuleTask) {
      return BpmnElementType.BUSINESS_RULE_TASK;
    } else if (element instanceof ManualTask) {
      return BpmnElementType.MANUAL_TASK;
    } else if (element instanceof UserTask userTask) {
      return UserTaskReader.isCamundaUserTask(userTask, problems) ? BpmnElementType.USER_TASK : null;
    } else if (element instanceof ExclusiveGateway) {
      return BpmnElementType.EXCLUSIVE_GATEWAY;
    } else if (element instanceof ParallelGateway) {
      return BpmnElementType.PARALLEL_GATEWAY;
    } else if (element instanceof InclusiveGateway) {
      return BpmnElementType.INCLUSIVE_GATEWAY;
    } else if (element instanceof EventBasedGateway) {
      return BpmnElementType.EVENT_BASED_GATEWAY;
    } else if (element instanceof Task && "task".equals(element.getElementType().getTypeName())) {
      return BpmnElementType.TASK;
    }
    problems.add(element, "the element kind '" + element.getElementType().getTypeName()
        + "' is not supported (as in Camunda 8.8)");
    return null;
  }

  private void connectFlows(List<SequenceFlow> flows, ExecutableProcess executable, Problems problems) {
    for (SequenceFlow flow : flows) {
      Expression condition = null;
      if (flow.getConditionExpression() != null) {
        String text = flow.getConditionExpression().getTextContent();
        condition = parse(flow, "condition", text, problems);
        if (condition != null && !condition.isFeel()) {
          // as in Zeebe: a condition is always an expression; a static text would never be true
          problems.add(flow, "expected an expression as condition, but found the static value '"
              + text.trim() + "'; an expression must start with '=' (e.g. '=" + text.trim() + "')");
          condition = null;
        }
      }
      ExecutableSequenceFlow executableFlow = new ExecutableSequenceFlow(flow.getId(), condition);
      FlowNode sourceElement = reference(flow, "sourceRef", flow::getSource, problems);
      FlowNode targetElement = reference(flow, "targetRef", flow::getTarget, problems);
      if (sourceElement == null || targetElement == null) {
        continue;
      }
      ExecutableFlowNode source = executable.node(sourceElement.getId());
      ExecutableFlowNode target = executable.node(targetElement.getId());
      if (source == null || target == null) {
        continue; // the unsupported element is already reported
      }
      if (source.flowScope() != target.flowScope()) {
        problems.add(flow, "a sequence flow must connect elements of the same (sub-)process");
        continue;
      }
      executableFlow.connect(source, target);
      source.outgoing().add(executableFlow);
      target.incoming().add(executableFlow);
      executable.add(executableFlow);
    }
  }

  private static void attach(BoundaryEvent boundary, ExecutableFlowNode node, ExecutableProcess executable,
      Problems problems) {
    int before = problems.list().size();
    Activity attachedTo = reference(boundary, "attachedToRef", boundary::getAttachedTo, problems);
    if (attachedTo == null) {
      if (problems.list().size() == before) {
        problems.add(boundary, "a boundary event must be attached to an activity");
      }
      return;
    }
    ExecutableFlowNode activity = executable.node(attachedTo.getId());
    if (activity == null) {
      return;
    }
    node.setAttachedTo(activity);
    activity.boundaryEvents().add(node);
    if (!node.incoming().isEmpty()) {
      problems.add(boundary, "a boundary event must not have incoming sequence flows");
    }
    if (node.eventType() == BpmnEventType.ESCALATION && activity.type() != BpmnElementType.SUB_PROCESS
        && activity.type() != BpmnElementType.CALL_ACTIVITY) {
      problems.add(boundary, "an escalation boundary event can only be attached to a sub-process or call activity");
    }
    if (node.eventType() == BpmnEventType.COMPENSATION && !node.outgoing().isEmpty()) {
      problems.add(boundary, "a compensation boundary event must not have outgoing sequence flows");
    }
  }

  private static void validateContainer(BaseElement element, ExecutableFlowNode container, Problems problems,
      boolean isProcess) {
    if (container.type() == BpmnElementType.EVENT_SUB_PROCESS) {
      long starts = container.childNodes().stream().filter(n -> n.type() == BpmnElementType.START_EVENT).count();
      if (starts != 1 || container.eventStartEvents().size() != 1) {
        problems.add(element,
            "an event sub-process must have exactly one start event with a message, timer, signal, error or "
                + "escalation definition");
      }
      return;
    }
    if (isProcess) {
      if (container.noneStartEvent() == null && container.eventStartEvents().isEmpty()) {
        problems.addAt(element.getId(), "Process '" + element.getId() + "': expected a start event, but found none");
      }
    } else if (container.noneStartEvent() == null) {
      problems.add(element,
          "an embedded sub-process must have a none start event");
    }
  }

  private void validateForkingGateway(FlowNode gateway, ExecutableFlowNode node, ExecutableProcess process,
      Problems problems) {
    SequenceFlow defaultElement = gateway instanceof ExclusiveGateway exclusive ? exclusive.getDefault()
        : ((InclusiveGateway) gateway).getDefault();
    if (defaultElement != null) {
      ExecutableSequenceFlow defaultFlow = process.flow(defaultElement.getId());
      if (defaultFlow == null || defaultFlow.source() != node) {
        problems.add(gateway, "the default flow must leave the gateway");
        return;
      }
      if (defaultFlow.condition() != null) {
        problems.add(gateway, "the default flow '" + defaultFlow.id() + "' must not have a condition");
      }
      node.setDefaultFlow(defaultFlow);
    }
    if (node.outgoing().size() > 1) {
      for (ExecutableSequenceFlow flow : node.outgoing()) {
        if (flow.condition() == null && flow != node.defaultFlow()) {
          problems.add(gateway, "expected a condition on the outgoing flow '" + flow.id()
              + "' (or make it the default flow), but found none");
        }
      }
    }
  }

  private static void validateEventBasedGateway(FlowNode gateway, ExecutableFlowNode node, Problems problems) {
    if (node.outgoing().size() < 2) {
      problems.add(gateway, "an event-based gateway must have at least two outgoing sequence flows");
    }
    for (ExecutableSequenceFlow flow : node.outgoing()) {
      ExecutableFlowNode target = flow.target();
      boolean catchEvent = target.type() == BpmnElementType.INTERMEDIATE_CATCH_EVENT && target.isCatchingEvent();
      if (!catchEvent) {
        problems.add(gateway, "an event-based gateway may only lead to intermediate message, timer or signal "
            + "catch events, but '" + target.id() + "' is not one");
      } else if (target.incoming().size() > 1) {
        problems.add(gateway, "the event '" + target.id() + "' after the event-based gateway must have no other "
            + "incoming sequence flow");
      }
      if (flow.condition() != null) {
        problems.add(gateway, "the flows leaving an event-based gateway must not have conditions");
      }
    }
  }

  private static void linkCompensationHandlers(BpmnModelInstance model, ExecutableProcess process, Problems problems) {
    for (Association association : model.getModelElementsByType(Association.class)) {
      if (association.getSource() == null || association.getTarget() == null) {
        continue;
      }
      ExecutableFlowNode source = process.node(association.getSource().getId());
      ExecutableFlowNode target = process.node(association.getTarget().getId());
      if (source == null || target == null || source.eventType() != BpmnEventType.COMPENSATION
          || source.type() != BpmnElementType.BOUNDARY_EVENT) {
        continue;
      }
      if (!target.isForCompensation()) {
        problems.add(association.getTarget(), "the activity associated with a compensation boundary event must be "
            + "marked 'isForCompensation'");
        continue;
      }
      if (source.attachedTo() != null) {
        source.attachedTo().setCompensationHandler(target);
      }
    }
    for (ExecutableFlowNode node : process.nodes().values()) {
      if (node.eventType() == BpmnEventType.COMPENSATION && node.type() == BpmnElementType.BOUNDARY_EVENT
          && node.attachedTo() != null && node.attachedTo().compensationHandler() == null) {
        problems.addAt(node.id(), "Element '" + node.id() + "' (boundaryEvent): a compensation boundary event must be associated "
            + "with a compensation handler activity");
      }
      if (node.isForCompensation() && (!node.incoming().isEmpty() || !node.outgoing().isEmpty())) {
        problems.addAt(node.id(), "Element '" + node.id() + "': a compensation handler must not have sequence flows");
      }
    }
  }

  private static void linkLinkEvents(ExecutableProcess process, Map<FlowNode, ExecutableFlowNode> read,
      Problems problems) {
    Map<ExecutableFlowNode, Map<String, ExecutableFlowNode>> catches = new HashMap<>();
    read.forEach((element, node) -> {
      if (node.eventType() == BpmnEventType.LINK && node.type() == BpmnElementType.INTERMEDIATE_CATCH_EVENT) {
        ExecutableFlowNode other = catches.computeIfAbsent(node.flowScope(), s -> new HashMap<>())
            .putIfAbsent(node.linkName(), node);
        if (other != null) {
          problems.add(element, "the link name '" + node.linkName() + "' is used by another catch event ('"
              + other.id() + "') in the same scope");
        }
      }
    });
    read.forEach((element, node) -> {
      if (node.eventType() == BpmnEventType.LINK && node.type() == BpmnElementType.INTERMEDIATE_THROW_EVENT) {
        ExecutableFlowNode target = catches.getOrDefault(node.flowScope(), Map.of()).get(node.linkName());
        if (target == null) {
          problems.add(element, "expected a link catch event named '" + node.linkName()
              + "' in the same scope, but found none");
        } else {
          node.setLinkTarget(target);
        }
      }
    });
  }

  /**
   * For each inclusive join, the elements from which a token can still reach it (not passing
   * through the join itself): the join waits only while such a token exists.
   */
  private static void computeInclusiveJoins(ExecutableProcess process) {
    for (ExecutableFlowNode join : process.nodes().values()) {
      if (join.type() != BpmnElementType.INCLUSIVE_GATEWAY || join.incoming().size() < 2) {
        continue;
      }
      Set<String> reachable = new HashSet<>();
      Deque<ExecutableFlowNode> todo = new ArrayDeque<>();
      join.incoming().forEach(flow -> todo.add(flow.source()));
      while (!todo.isEmpty()) {
        ExecutableFlowNode node = todo.poll();
        if (node == join || !reachable.add(node.id())) {
          continue;
        }
        node.incoming().forEach(flow -> todo.add(flow.source()));
        if (node.attachedTo() != null) {
          todo.add(node.attachedTo());
        }
        if (node.linkName() != null && node.type() == BpmnElementType.INTERMEDIATE_CATCH_EVENT) {
          process.nodes().values().stream().filter(n -> n.linkTarget() == node).forEach(todo::add);
        }
      }
      join.setReachableFrom(reachable);
    }
  }

  /**
   * The element a reference attribute names. The model API casts the referenced element to the
   * kind it expects, so a reference to an element of another kind (a sequence flow targeting
   * another flow, a boundary event attached to a start event) throws instead; that is a problem of
   * the model, reported with the element. Null when it names nothing usable.
   */
  private static <T> T reference(BaseElement element, String attribute, Supplier<T> getter, Problems problems) {
    try {
      return getter.get();
    } catch (ClassCastException e) {
      problems.add(element, "expected '" + attribute + "' to name an element of the right kind, but '"
          + element.getAttributeValue(attribute) + "' is of another kind");
      return null;
    }
  }

  private Expression parse(FlowElement element, String what, String text, Problems problems) {
    try {
      return expressions.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(element, "invalid " + what + ": " + e.getMessage());
      return null;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
