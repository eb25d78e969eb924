package cn.relief.engine.processing.bpmn;

import cn.relief.engine.state.ElementInstance;

/** A service task: creates a job on activation and waits for a worker to complete it. */
final class ServiceTaskProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;

  ServiceTaskProcessor(BpmnBehaviors behaviors) {
    this.behaviors = behaviors;
  }

  @Override
  public void onActivate(BpmnElementContext element) {
    if (!behaviors.mappings().applyInputs(element)) {
      return;
    }
    JobBehavior.Evaluated job = behaviors.jobs().evaluateJob(element);
    if (job.failure() != null) {
      behaviors.incidents().raiseElementIncident(
          element, ErrorType.EXTRACT_VALUE_ERROR, job.failure(), IncidentBehavior.RetryStep.ACTIVATE);
      return;
    }
    behaviors.transitions().transitionToActivated(element);
    behaviors.jobs().createJob(element.command(), job.job());
  }

  @Override
  public void onComplete(BpmnElementContext element) {
    behaviors.completeWithOutputMappings(element);
  }

  @Override
  public void onTerminate(BpmnElementContext element) {
    ElementInstance instance = element.command().state().elementInstances().get(element.key());
    long jobKey = instance == null ? -1 : instance.jobKey();
    behaviors.incidents().resolveAll(element.command(), element.key(), jobKey);
    behaviors.jobs().cancelJob(element.command(), jobKey);
    behaviors.transitions().transitionToTerminated(element);
  }
}
