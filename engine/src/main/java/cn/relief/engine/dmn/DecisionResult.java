package cn.relief.engine.dmn;

import java.util.List;

/**
 * The outcome of evaluating a decision with everything an auditor needs: each decision of the
 * graph that was evaluated (required decisions first, the called one last) with its inputs and
 * matched rules. Values are plain Java values. On failure {@code failureMessage} says why and
 * {@code failedDecisionId} which decision failed; the evaluated decisions are those evaluated up
 * to the failure.
 */
public record DecisionResult(
    Object output, List<EvaluatedDecision> evaluatedDecisions, String failureMessage, String failedDecisionId) {

  public boolean isFailure() {
    return failureMessage != null;
  }

  /** @param decisionType Zeebe's names: DECISION_TABLE, LITERAL_EXPRESSION, or the DMN kind */
  public record EvaluatedDecision(String decisionId, String decisionName, String decisionType, Object output,
      List<EvaluatedInput> evaluatedInputs, List<MatchedRule> matchedRules) {}

  public record EvaluatedInput(String inputId, String inputName, Object inputValue) {}

  /** @param ruleIndex the rule's position in its decision table, starting at 1 as in Zeebe */
  public record MatchedRule(String ruleId, int ruleIndex, List<EvaluatedOutput> evaluatedOutputs) {}

  public record EvaluatedOutput(String outputId, String outputName, Object outputValue) {}
}
