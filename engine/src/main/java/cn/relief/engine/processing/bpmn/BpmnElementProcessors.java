package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.BpmnElementType;
import cn.relief.engine.bpmn.ExecutableFlowNode;
import cn.relief.engine.bpmn.ExecutableProcess;
import cn.relief.engine.feel.ExpressionLanguage;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.state.DeployedProcess;
import cn.relief.engine.state.ElementInstance;
import java.util.EnumMap;
import java.util.Map;

/**
 * Dispatches lifecycle steps to the processor of each element kind (one class per kind) and gives
 * command processors the entry points they need: activate a process, complete or terminate an
 * element, retry a step after an incident is resolved.
 */
public final class BpmnElementProcessors {
  private final Map<BpmnElementType, BpmnElementProcessor> processors = new EnumMap<>(BpmnElementType.class);
  private final BpmnBehaviors behaviors;

  public BpmnElementProcessors(
      ExpressionLanguage expressions, VariableBehavior variables, JobBehavior jobs, ProcessResultListener results) {
    IncidentBehavior incidents = new IncidentBehavior();
    this.behaviors = new BpmnBehaviors(expressions, new StateTransitionBehavior(this), variables, incidents,
        new MappingBehavior(variables, incidents), jobs, results);
    processors.put(BpmnElementType.PROCESS, new ProcessProcessor(behaviors));
    processors.put(BpmnElementType.START_EVENT, new NoneEventProcessor(behaviors));
    processors.put(BpmnElementType.END_EVENT, new NoneEventProcessor(behaviors));
    processors.put(BpmnElementType.SERVICE_TASK, new ServiceTaskProcessor(behaviors));
    processors.put(BpmnElementType.EXCLUSIVE_GATEWAY, new ExclusiveGatewayProcessor(behaviors));
    processors.put(BpmnElementType.PARALLEL_GATEWAY, new ParallelGatewayProcessor(behaviors));
  }

  public StateTransitionBehavior transitions() {
    return behaviors.transitions();
  }

  public IncidentBehavior incidents() {
    return behaviors.incidents();
  }

  void onActivate(BpmnElementContext element) {
    processor(element).onActivate(element);
  }

  void onComplete(BpmnElementContext element) {
    processor(element).onComplete(element);
  }

  void onTerminate(BpmnElementContext element) {
    processor(element).onTerminate(element);
  }

  /** The context of an element instance in the state, with the element it instantiates. */
  public BpmnElementContext contextOf(CommandContext ctx, ElementInstance instance) {
    DeployedProcess process = ctx.state().processes().byKey(instance.value().processDefinitionKey());
    ExecutableProcess executable = process.executable();
    ExecutableFlowNode node = instance.value().bpmnElementType() == BpmnElementType.PROCESS
        ? null
        : executable.node(instance.value().elementId());
    return new BpmnElementContext(ctx, instance.key(), instance.value(), node);
  }

  /** Runs the activation step of an element that is (still) ACTIVATING, e.g. after an incident. */
  public void retryActivation(BpmnElementContext element) {
    element.command().schedule(() -> onActivate(element));
  }

  /** Runs the completion step of an element that is (still) COMPLETING, e.g. after an incident. */
  public void retryCompletion(BpmnElementContext element) {
    element.command().schedule(() -> onComplete(element));
  }

  /** Continues an ACTIVATED element whose wait is over (its job completed). */
  public void continueCompletion(BpmnElementContext element) {
    element.command().schedule(() -> behaviors.transitions().completeElement(element));
  }

  public void terminate(BpmnElementContext element) {
    element.command().schedule(() -> behaviors.transitions().terminateElement(element));
  }

  private BpmnElementProcessor processor(BpmnElementContext element) {
    BpmnElementProcessor processor = processors.get(element.record().bpmnElementType());
    if (processor == null) {
      throw new IllegalStateException("No processor for element type " + element.record().bpmnElementType());
    }
    return processor;
  }
}
