package cn.relief.engine.record;

import java.util.List;

/**
 * One evaluation of a decision, successful or failed, with its audit trail: every decision of the
 * graph that was evaluated (required decisions first), its inputs and matched rules. Outputs and
 * values are JSON documents, as in Zeebe's record. The origin fields name the process element
 * that evaluated it, or are empty/-1 for a direct EvaluateDecision call.
 *
 * @param decisionKey -1 when no decision was found for the reference
 * @param evaluationFailureMessage null when the evaluation succeeded
 * @param failedDecisionId the decision of the graph that failed, null on success
 */
public record DecisionEvaluationRecord(
    long decisionKey,
    String decisionId,
    String decisionName,
    int decisionVersion,
    long decisionRequirementsKey,
    String decisionRequirementsId,
    String decisionOutput,
    List<EvaluatedDecision> evaluatedDecisions,
    String evaluationFailureMessage,
    String failedDecisionId,
    String bpmnProcessId,
    long processDefinitionKey,
    long processInstanceKey,
    String elementId,
    long elementInstanceKey,
    String tenantId) implements RecordValue {

  public record EvaluatedDecision(
      String decisionId,
      String decisionName,
      long decisionKey,
      int decisionVersion,
      String decisionType,
      String decisionOutput,
      List<EvaluatedInput> evaluatedInputs,
      List<MatchedRule> matchedRules,
      String tenantId) {}

  public record EvaluatedInput(String inputId, String inputName, String inputValue) {}

  public record MatchedRule(String ruleId, int ruleIndex, List<EvaluatedOutput> evaluatedOutputs) {}

  public record EvaluatedOutput(String outputId, String outputName, String outputValue) {}
}
