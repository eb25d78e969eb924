package cn.relief.engine.processing.bpmn;

/** None start and none end events: pass straight through, applying output mappings. */
final class NoneEventProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;

  NoneEventProcessor(BpmnBehaviors behaviors) {
    this.behaviors = behaviors;
  }

  @Override
  public void onActivate(BpmnElementContext element) {
    String failure = behaviors.variables().applyInputMappings(element);
    if (failure != null) {
      behaviors.incidents().raiseElementIncident(
          element, ErrorType.IO_MAPPING_ERROR, failure, IncidentBehavior.RetryStep.ACTIVATE);
      return;
    }
    behaviors.transitions().transitionToActivated(element);
    behaviors.transitions().completeElement(element);
  }

  @Override
  public void onComplete(BpmnElementContext element) {
    String failure = behaviors.variables().applyOutputMappings(element);
    if (failure != null) {
      behaviors.incidents().raiseElementIncident(
          element, ErrorType.IO_MAPPING_ERROR, failure, IncidentBehavior.RetryStep.COMPLETE);
      return;
    }
    behaviors.transitions().transitionToCompleted(element);
    behaviors.transitions().takeOutgoingFlows(element);
  }

  @Override
  public void onTerminate(BpmnElementContext element) {
    behaviors.incidents().resolveAll(element.command(), element.key(), -1);
    behaviors.transitions().transitionToTerminated(element);
  }
}
