package cn.relief.engine.processing.bpmn;

/**
 * A parallel gateway forks a token on every outgoing flow. As a join it is only activated once a
 * token waits on every incoming flow (see {@link StateTransitionBehavior#takeSequenceFlow}).
 */
final class ParallelGatewayProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;

  ParallelGatewayProcessor(BpmnBehaviors behaviors) {
    this.behaviors = behaviors;
  }

  @Override
  public void onActivate(BpmnElementContext element) {
    behaviors.transitions().transitionToActivated(element);
    behaviors.transitions().completeElement(element);
  }

  @Override
  public void onComplete(BpmnElementContext element) {
    behaviors.transitions().transitionToCompleted(element);
    behaviors.transitions().takeOutgoingFlows(element);
  }

  @Override
  public void onTerminate(BpmnElementContext element) {
    behaviors.terminateLeaf(element);
  }
}
