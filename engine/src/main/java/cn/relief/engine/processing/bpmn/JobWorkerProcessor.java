package cn.relief.engine.processing.bpmn;

/**
 * An element whose work a job worker does: service and send tasks, job-based script and business
 * rule tasks, message throw and end events. Creates a job on activation and waits for it.
 */
final class JobWorkerProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;

  JobWorkerProcessor(BpmnBehaviors behaviors) {
    this.behaviors = behaviors;
  }

  @Override
  public void onActivate(BpmnElementContext element) {
    if (!behaviors.prepareActivation(element)) {
      return;
    }
    JobBehavior.Evaluated job = behaviors.jobs().evaluateJob(element);
    if (job.failure() != null) {
      behaviors.failActivation(element, ErrorType.EXTRACT_VALUE_ERROR, job.failure());
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
    behaviors.terminateLeaf(element);
  }
}
