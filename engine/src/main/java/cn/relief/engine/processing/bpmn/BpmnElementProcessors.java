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
 * element, retry a step after an incident is resolved, trigger events, throw errors.
 */
public final class BpmnElementProcessors {
  private final Map<BpmnElementType, BpmnElementProcessor> processors = new EnumMap<>(BpmnElementType.class);
  private final BpmnBehaviors behaviors;
  private final TaskListenerBehavior taskListeners;

  public BpmnElementProcessors(
      ExpressionLanguage expressions, VariableBehavior variables, JobBehavior jobs, ProcessResultListener results,
      CalledDecisionEvaluator decisions, UserTaskReplies userTaskReplies) {
    IncidentBehavior incidents = new IncidentBehavior();
    StateTransitionBehavior transitions = new StateTransitionBehavior(this);
    EventSubscriptionBehavior subscriptions = new EventSubscriptionBehavior(expressions, variables);
    transitions.setSubscriptions(subscriptions);
    CompensationBehavior compensation = new CompensationBehavior(transitions);
    transitions.setCompensation(compensation);
    EventTriggerBehavior triggers = new EventTriggerBehavior(this, transitions, subscriptions, variables);
    subscriptions.setTriggers(triggers);
    this.behaviors = new BpmnBehaviors(expressions, transitions, variables, incidents,
        new MappingBehavior(variables, incidents), jobs, results, subscriptions, triggers,
        new ThrowEventBehavior(this, triggers), new MultiInstanceBehavior(expressions, variables, incidents),
        new MessageCorrelationBehavior(triggers), compensation);
    this.taskListeners = new TaskListenerBehavior(expressions, variables, incidents, this, userTaskReplies);
    JobWorkerProcessor jobBased = new JobWorkerProcessor(behaviors);
    PassThroughProcessor passThrough = new PassThroughProcessor(behaviors);
    SubProcessProcessor subProcess = new SubProcessProcessor(behaviors);
    CatchEventProcessor catchEvent = new CatchEventProcessor(behaviors);
    ThrowEventProcessor throwEvent = new ThrowEventProcessor(behaviors, jobBased);
    processors.put(BpmnElementType.PROCESS, new ProcessProcessor(behaviors, this));
    processors.put(BpmnElementType.SUB_PROCESS, subProcess);
    processors.put(BpmnElementType.EVENT_SUB_PROCESS, subProcess);
    processors.put(BpmnElementType.CALL_ACTIVITY, new CallActivityProcessor(behaviors, this));
    processors.put(BpmnElementType.MULTI_INSTANCE_BODY, new MultiInstanceBodyProcessor(behaviors));
    processors.put(BpmnElementType.START_EVENT, passThrough);
    processors.put(BpmnElementType.BOUNDARY_EVENT, passThrough);
    processors.put(BpmnElementType.END_EVENT, throwEvent);
    processors.put(BpmnElementType.INTERMEDIATE_THROW_EVENT, throwEvent);
    processors.put(BpmnElementType.INTERMEDIATE_CATCH_EVENT, catchEvent);
    processors.put(BpmnElementType.RECEIVE_TASK, catchEvent);
    processors.put(BpmnElementType.SERVICE_TASK, jobBased);
    processors.put(BpmnElementType.SEND_TASK, jobBased);
    processors.put(BpmnElementType.SCRIPT_TASK, new ScriptTaskProcessor(behaviors, jobBased));
    processors.put(BpmnElementType.BUSINESS_RULE_TASK, new BusinessRuleTaskProcessor(behaviors, jobBased, decisions));
    processors.put(BpmnElementType.USER_TASK, new UserTaskProcessor(behaviors,
        new UserTaskBehavior(expressions, variables, taskListeners)));
    processors.put(BpmnElementType.MANUAL_TASK, passThrough);
    processors.put(BpmnElementType.TASK, passThrough);
    processors.put(BpmnElementType.EXCLUSIVE_GATEWAY, new ExclusiveGatewayProcessor(behaviors));
    processors.put(BpmnElementType.PARALLEL_GATEWAY, new ParallelGatewayProcessor(behaviors));
    processors.put(BpmnElementType.INCLUSIVE_GATEWAY, new InclusiveGatewayProcessor(behaviors));
    processors.put(BpmnElementType.EVENT_BASED_GATEWAY, new EventBasedGatewayProcessor(behaviors));
  }

  public StateTransitionBehavior transitions() {
    return behaviors.transitions();
  }

  public EventSubscriptionBehavior subscriptions() {
    return behaviors.subscriptions();
  }

  public TaskListenerBehavior taskListeners() {
    return taskListeners;
  }

  public IncidentBehavior incidents() {
    return behaviors.incidents();
  }

  public EventTriggerBehavior triggers() {
    return behaviors.triggers();
  }

  public ThrowEventBehavior throwing() {
    return behaviors.throwing();
  }

  public MessageCorrelationBehavior messageCorrelation() {
    return behaviors.messageCorrelation();
  }

  /** Applies job or message variables to a waiting element: local with output mappings, else propagated. */
  public void applyResultVariables(BpmnElementContext element, Map<String, Object> variables) {
    behaviors.triggers().applyEventVariables(element, variables);
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

  boolean onChildEnded(BpmnElementContext scope, BpmnElementContext child, boolean completed) {
    return processor(scope).onChildEnded(scope, child, completed);
  }

  /** The context of an element instance in the state, with the element it instantiates. */
  public BpmnElementContext contextOf(CommandContext ctx, ElementInstance instance) {
    DeployedProcess process = ctx.state().processes().byKey(instance.value().processDefinitionKey());
    ExecutableProcess executable = process.executable();
    ExecutableFlowNode node = instance.value().bpmnElementType() == BpmnElementType.PROCESS
        ? executable.root()
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
