package cn.relief.engine.processing.bpmn;

/**
 * Embedded and event sub-processes: flow scopes inside the process. An embedded sub-process
 * starts at its none start event; an event sub-process at the start event that was triggered.
 */
final class SubProcessProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;

  SubProcessProcessor(BpmnBehaviors behaviors) {
    this.behaviors = behaviors;
  }

  @Override
  public void onActivate(BpmnElementContext element) {
    if (!behaviors.prepareActivation(element)) {
      return;
    }
    behaviors.transitions().transitionToActivated(element);
    if (!behaviors.triggers().continueTriggeredStart(element)) {
      behaviors.transitions().activateChild(
          element.command(), element.key(), element.record(), element.element().noneStartEvent());
    }
  }

  @Override
  public void onComplete(BpmnElementContext element) {
    behaviors.completeWithOutputMappings(element);
  }

  @Override
  public void onTerminate(BpmnElementContext element) {
    behaviors.terminateScope(element);
  }
}
