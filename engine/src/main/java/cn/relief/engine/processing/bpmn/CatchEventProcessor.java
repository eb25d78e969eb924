package cn.relief.engine.processing.bpmn;

/**
 * Intermediate message, timer and signal catch events and receive tasks: open the subscription,
 * wait, and complete when the event arrives (see {@link EventTriggerBehavior#trigger}).
 */
final class CatchEventProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;

  CatchEventProcessor(BpmnBehaviors behaviors) {
    this.behaviors = behaviors;
  }

  @Override
  public void onActivate(BpmnElementContext element) {
    if (!behaviors.prepareActivation(element)) {
      return;
    }
    behaviors.transitions().transitionToActivated(element);
    if (!element.element().isCatchingEvent()) {
      behaviors.transitions().completeElement(element); // a link catch event: reached by its throw event
    }
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
