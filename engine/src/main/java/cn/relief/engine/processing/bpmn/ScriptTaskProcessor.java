package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.ScriptDefinition;
import cn.relief.engine.feel.EvaluationResult;
import java.util.Map;

/** A script task: evaluates its FEEL expression into the result variable, or is job-based. */
final class ScriptTaskProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;
  private final JobWorkerProcessor jobBased;

  ScriptTaskProcessor(BpmnBehaviors behaviors, JobWorkerProcessor jobBased) {
    this.behaviors = behaviors;
    this.jobBased = jobBased;
  }

  @Override
  public void onActivate(BpmnElementContext element) {
    ScriptDefinition script = element.element().script();
    if (script == null) {
      jobBased.onActivate(element);
      return;
    }
    if (!behaviors.prepareActivation(element)) {
      return;
    }
    Map<String, Object> context = behaviors.variables().visible(element.command().state(), element.key());
    EvaluationResult result = behaviors.expressions().evaluate(script.expression(), context);
    if (result.isFailure()) {
      behaviors.failActivation(element, ErrorType.EXTRACT_VALUE_ERROR, result.failure());
    } else {
      behaviors.completeWithResult(element, script.resultVariable(), result.value());
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
