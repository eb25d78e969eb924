package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.ExecutableSequenceFlow;
import java.util.List;

/**
 * An exclusive gateway takes the first outgoing flow whose condition is true, else the default
 * flow; with neither, the token stops at an incident until someone fixes the data.
 */
final class ExclusiveGatewayProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;

  ExclusiveGatewayProcessor(BpmnBehaviors behaviors) {
    this.behaviors = behaviors;
  }

  @Override
  public void onActivate(BpmnElementContext element) {
    List<ExecutableSequenceFlow> chosen = behaviors.chooseFlows(element, true);
    if (chosen != null) {
      behaviors.transitions().transitionToActivated(element);
      behaviors.transitions().completeElementWith(element, chosen);
    }
  }

  @Override
  public void onComplete(BpmnElementContext element) {
    throw new IllegalStateException("An exclusive gateway completes in its activation step");
  }

  @Override
  public void onTerminate(BpmnElementContext element) {
    behaviors.terminateLeaf(element);
  }
}
