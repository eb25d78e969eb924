package cn.relief.engine.processing.bpmn;

/**
 * A Camunda user task: creates the task on activation and waits until someone completes it;
 * terminating the element (cancel, interrupting boundary event) cancels the task.
 */
final class UserTaskProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;
  private final UserTaskBehavior userTasks;

  UserTaskProcessor(BpmnBehaviors behaviors, UserTaskBehavior userTasks) {
    this.behaviors = behaviors;
    this.userTasks = userTasks;
  }

  @Override
  public void onActivate(BpmnElementContext element) {
    if (!behaviors.prepareActivation(element)) {
      return;
    }
    UserTaskBehavior.Evaluated task = userTasks.evaluate(element);
    if (task.failure() != null) {
      behaviors.failActivation(element, task.errorType(), task.failure());
      return;
    }
    behaviors.transitions().transitionToActivated(element);
    userTasks.create(element.command(), task.task());
  }

  @Override
  public void onComplete(BpmnElementContext element) {
    behaviors.completeWithOutputMappings(element);
  }

  @Override
  public void onTerminate(BpmnElementContext element) {
    userTasks.cancel(element.command(), element.key());
    behaviors.terminateLeaf(element);
  }
}
