package cn.relief.engine.processing.bpmn;

/**
 * An event-based gateway waits for the first of the events after it (message, timer, signal);
 * that one wins and the others' subscriptions close (see {@link EventTriggerBehavior#trigger}).
 */
final class EventBasedGatewayProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;

  EventBasedGatewayProcessor(BpmnBehaviors behaviors) {
    this.behaviors = behaviors;
  }

  @Override
  public void onActivate(BpmnElementContext element) {
    if (behaviors.prepareActivation(element)) {
      behaviors.transitions().transitionToActivated(element);
    }
  }

  @Override
  public void onComplete(BpmnElementContext element) {
    throw new IllegalStateException("An event-based gateway completes when one of its events is triggered");
  }

  @Override
  public void onTerminate(BpmnElementContext element) {
    behaviors.terminateLeaf(element);
  }
}
