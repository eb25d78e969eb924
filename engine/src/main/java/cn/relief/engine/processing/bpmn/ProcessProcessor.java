package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.ExecutableFlowNode;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.ElementState;
import java.util.Map;

/**
 * The process itself: the outermost flow scope, activated by creation (at its none start event or
 * at the start event that was triggered) and ended by its last child. A process instance started
 * by a call activity hands its end back to the call activity.
 */
final class ProcessProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;
  private final BpmnElementProcessors processors;

  ProcessProcessor(BpmnBehaviors behaviors, BpmnElementProcessors processors) {
    this.behaviors = behaviors;
    this.processors = processors;
  }

  @Override
  public void onActivate(BpmnElementContext process) {
    String failure = behaviors.subscriptions().subscribe(process);
    if (failure != null) {
      behaviors.incidents().raiseElementIncident(
          process, ErrorType.EXTRACT_VALUE_ERROR, failure, IncidentBehavior.RetryStep.ACTIVATE);
      return;
    }
    behaviors.transitions().transitionToActivated(process);
    if (!behaviors.triggers().continueTriggeredStart(process)) {
      ExecutableFlowNode start = process.element().noneStartEvent();
      behaviors.transitions().activateChild(process.command(), process.key(), process.record(), start);
    }
  }

  @Override
  public void onComplete(BpmnElementContext process) {
    Map<String, Object> variables = behaviors.variables().visible(process.command().state(), process.key());
    String startCorrelationKey = process.command().state().messages().startCorrelationKeyOf(process.key());
    behaviors.transitions().transitionToCompleted(process);
    afterEnded(process, startCorrelationKey);
    behaviors.results().onProcessCompleted(process, variables);
    ElementInstance callActivity = callingElement(process);
    if (callActivity != null && callActivity.state() == ElementState.ACTIVATED) {
      BpmnElementContext caller = processors.contextOf(process.command(), callActivity);
      CallActivityProcessor.takeOverChildVariables(behaviors, caller, variables);
      behaviors.transitions().completeElement(caller);
    }
  }

  @Override
  public void onTerminate(BpmnElementContext process) {
    behaviors.incidents().resolveAll(process.command(), process.key(), -1);
    if (behaviors.transitions().terminateChildren(process.command(), process.key())) {
      return; // each child's termination ends with onChildEnded, and the last one brings us back here
    }
    String startCorrelationKey = process.command().state().messages().startCorrelationKeyOf(process.key());
    behaviors.transitions().transitionToTerminated(process);
    behaviors.results().onProcessTerminated(process);
    afterEnded(process, startCorrelationKey);
    ElementInstance callActivity = callingElement(process);
    if (callActivity != null && callActivity.state() == ElementState.TERMINATING) {
      BpmnElementContext caller = processors.contextOf(process.command(), callActivity);
      process.command().schedule(() -> processors.onTerminate(caller));
    }
  }

  /** A message start event may now start the next instance for the same correlation key. */
  private void afterEnded(BpmnElementContext process, String startCorrelationKey) {
    if (startCorrelationKey != null) {
      process.command().schedule(() -> behaviors.messageCorrelation().afterStartedInstanceEnded(process.command(),
          process.record().bpmnProcessId(), startCorrelationKey, process.record().tenantId()));
    }
  }

  private static ElementInstance callingElement(BpmnElementContext process) {
    long parent = process.record().parentElementInstanceKey();
    return parent > 0 ? process.command().state().elementInstances().get(parent) : null;
  }
}
