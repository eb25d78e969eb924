package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.CalledDecision;
import java.util.Map;

/** Evaluates the decision a business rule task calls (DMN lives outside the BPMN processors). */
public interface CalledDecisionEvaluator {
  /** The decision's output, or why it could not be evaluated. */
  record Result(Object output, String failure) {}

  Result evaluate(BpmnElementContext element, String decisionId, CalledDecision called, Map<String, Object> variables);
}
