package cn.relief.engine.processing.bpmn;

import cn.relief.engine.state.ElementInstance;
import java.util.List;

/** The process itself: the outermost flow scope, activated by creation and ended by its last child. */
final class ProcessProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;

  ProcessProcessor(BpmnBehaviors behaviors) {
    this.behaviors = behaviors;
  }

  @Override
  public void onActivate(BpmnElementContext process) {
    behaviors.transitions().transitionToActivated(process);
    var start = process.command().state().processes().byKey(process.record().processDefinitionKey())
        .executable().noneStartEvent();
    behaviors.transitions().activateChild(process.command(), process.key(), process.record(), start);
  }

  @Override
  public void onComplete(BpmnElementContext process) {
    var variables = behaviors.variables().visible(process.command().state(), process.key());
    behaviors.transitions().transitionToCompleted(process);
    behaviors.results().onProcessCompleted(process, variables);
  }

  @Override
  public void onTerminate(BpmnElementContext process) {
    ElementInstance instance = process.command().state().elementInstances().get(process.key());
    List<Long> children = List.copyOf(instance.children());
    if (children.isEmpty()) {
      behaviors.transitions().transitionToTerminated(process);
      behaviors.results().onProcessTerminated(process);
      return;
    }
    // each child's termination ends with onChildEnded, and the last one terminates the process
    behaviors.incidents().resolveAll(process.command(), process.key(), -1);
    for (long childKey : children) {
      ElementInstance child = process.command().state().elementInstances().get(childKey);
      BpmnElementContext childContext = new BpmnElementContext(process.command(), childKey, child.value(),
          process.command().state().processes().byKey(child.value().processDefinitionKey())
              .executable().node(child.value().elementId()));
      behaviors.transitions().terminateElement(childContext);
    }
  }
}
