package cn.relief.engine.processing.bpmn;

/** None start and none end events: pass straight through, applying output mappings. */
final class NoneEventProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;

  NoneEventProcessor(BpmnBehaviors behaviors) {
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
    behaviors.incidents().resolveAll(element.command(), element.key(), -1);
    behaviors.transitions().transitionToTerminated(element);
  }
}
