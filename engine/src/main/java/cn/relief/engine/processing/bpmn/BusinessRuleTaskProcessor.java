package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.CalledDecision;
import cn.relief.engine.feel.EvaluationResult;
import java.util.Map;

/** A business rule task: evaluates its DMN decision into the result variable, or is job-based. */
final class BusinessRuleTaskProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;
  private final JobWorkerProcessor jobBased;
  private final CalledDecisionEvaluator decisions;

  BusinessRuleTaskProcessor(BpmnBehaviors behaviors, JobWorkerProcessor jobBased, CalledDecisionEvaluator decisions) {
    this.behaviors = behaviors;
    this.jobBased = jobBased;
    this.decisions = decisions;
  }

  @Override
  public void onActivate(BpmnElementContext element) {
    CalledDecision called = element.element().calledDecision();
    if (called == null) {
      jobBased.onActivate(element);
      return;
    }
    if (!behaviors.prepareActivation(element)) {
      return;
    }
    Map<String, Object> context = behaviors.variables().visible(element.command().state(), element.key());
    EvaluationResult decisionId = behaviors.expressions().evaluateString(called.decisionId(), context);
    String failure = decisionId.failure();
    CalledDecisionEvaluator.Result result = null;
    if (failure == null) {
      result = decisions.evaluate(element, (String) decisionId.value(), called, context);
      failure = result.failure();
    }
    if (failure != null) {
      behaviors.failActivation(element,
          decisionId.isFailure() ? ErrorType.EXTRACT_VALUE_ERROR : ErrorType.DECISION_EVALUATION_ERROR, failure);
    } else {
      behaviors.completeWithResult(element, called.resultVariable(), result.output());
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
