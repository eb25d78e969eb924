package cn.relief.engine.processing.bpmn;

/**
 * Elements that do nothing but pass the token on, applying their mappings: none start, end and
 * intermediate throw events, manual and undefined tasks, link events, boundary events (which are
 * activated already triggered).
 */
final class PassThroughProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;

  PassThroughProcessor(BpmnBehaviors behaviors) {
    this.behaviors = behaviors;
  }

  @Override
  public void onActivate(BpmnElementContext element) {
    if (!behaviors.mappings().applyInputs(element)) {
      return;
    }
    behaviors.transitions().transitionToActivated(element);
    behaviors.transitions().completeElement(element);
  }

  @Override
  public void onComplete(BpmnElementContext element) {
    behaviors.completeWithOutputMappings(element);
  }

  @Override
  public void onTerminate(BpmnElementContext element) {
    behaviors.terminateLeaf(element);
  }
}
