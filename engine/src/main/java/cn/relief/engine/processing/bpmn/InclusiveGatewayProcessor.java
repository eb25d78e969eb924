package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.ExecutableSequenceFlow;
import java.util.List;

/**
 * An inclusive gateway forks on every outgoing flow whose condition is true (else the default
 * flow); as a join it waits only for tokens that can still arrive (see
 * {@link StateTransitionBehavior#activateInclusiveJoins}).
 */
final class InclusiveGatewayProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;

  InclusiveGatewayProcessor(BpmnBehaviors behaviors) {
    this.behaviors = behaviors;
  }

  @Override
  public void onActivate(BpmnElementContext element) {
    List<ExecutableSequenceFlow> chosen = behaviors.chooseFlows(element, false);
    if (chosen != null) {
      behaviors.transitions().transitionToActivated(element);
      behaviors.transitions().completeElementWith(element, chosen);
    }
  }

  @Override
  public void onComplete(BpmnElementContext element) {
    throw new IllegalStateException("An inclusive gateway completes in its activation step");
  }

  @Override
  public void onTerminate(BpmnElementContext element) {
    behaviors.terminateLeaf(element);
  }
}
