package cn.relief.engine.processing.dmn;

import cn.relief.engine.api.EngineApi.DecisionEvaluationInfo;
import cn.relief.engine.api.EngineApi.EvaluateDecision;
import cn.relief.engine.api.EngineApi.EvaluatedDecision;
import cn.relief.engine.api.EngineApi.EvaluatedDecisionInput;
import cn.relief.engine.api.EngineApi.EvaluatedDecisionOutput;
import cn.relief.engine.api.EngineApi.MatchedDecisionRule;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.processing.Rejections;
import cn.relief.engine.record.DecisionEvaluationRecord;
import cn.relief.engine.record.Intent;
import cn.relief.engine.state.DeployedDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The EvaluateDecision command: a decision evaluated on its own, outside any process. An unknown
 * decision is rejected; a decision that fails to evaluate is answered with the failure, as in Zeebe.
 */
public final class DecisionEvaluationProcessor {
  private final DecisionBehavior behavior;

  public DecisionEvaluationProcessor(DecisionBehavior behavior) {
    this.behavior = behavior;
  }

  public DecisionEvaluationInfo evaluate(CommandContext ctx, EvaluateDecision command) {
    DeployedDecision decision;
    if (command.decisionId() != null && !command.decisionId().isBlank()) {
      decision = ctx.state().decisions().latest(command.decisionId());
      if (decision == null) {
        throw Rejections.notFound(Intent.DecisionEvaluation.EVALUATE,
            "Expected to evaluate decision '%s', but no decision found for id '%s'",
            command.decisionId(), command.decisionId());
      }
    } else if (command.decisionKey() > 0) {
      decision = ctx.state().decisions().byKey(command.decisionKey());
      if (decision == null) {
        throw Rejections.notFound(Intent.DecisionEvaluation.EVALUATE,
            "Expected to evaluate decision with key '%d', but no decision found for key '%d'",
            command.decisionKey(), command.decisionKey());
      }
    } else {
      throw Rejections.invalidArgument(Intent.DecisionEvaluation.EVALUATE,
          "Expected either a decision id or a valid decision key, but none was given");
    }
    Map<String, Object> variables = command.variables() == null ? Map.of() : command.variables();
    DecisionBehavior.Evaluation evaluation =
        behavior.evaluateAndRecord(ctx, decision, variables, DecisionBehavior.EvaluationOrigin.NONE);
    return toInfo(evaluation.key(), evaluation.record());
  }

  private static DecisionEvaluationInfo toInfo(long key, DecisionEvaluationRecord record) {
    List<EvaluatedDecision> evaluated = new ArrayList<>();
    for (DecisionEvaluationRecord.EvaluatedDecision decision : record.evaluatedDecisions()) {
      evaluated.add(new EvaluatedDecision(
          decision.decisionId(),
          decision.decisionName(),
          decision.decisionKey(),
          decision.decisionVersion(),
          decision.decisionType(),
          decision.decisionOutput(),
          decision.evaluatedInputs().stream()
              .map(i -> new EvaluatedDecisionInput(i.inputId(), i.inputName(), i.inputValue()))
              .toList(),
          decision.matchedRules().stream()
              .map(r -> new MatchedDecisionRule(r.ruleId(), r.ruleIndex(), r.evaluatedOutputs().stream()
                  .map(o -> new EvaluatedDecisionOutput(o.outputId(), o.outputName(), o.outputValue()))
                  .toList()))
              .toList(),
          // as Zeebe: the evaluation key and the decision's position in the evaluation
          key + "-" + (evaluated.size() + 1),
          decision.tenantId()));
    }
    return new DecisionEvaluationInfo(key, record.decisionKey(), record.decisionId(), record.decisionName(),
        record.decisionVersion(), record.decisionRequirementsId(), record.decisionRequirementsKey(),
        record.decisionOutput(), evaluated, record.failedDecisionId(), record.evaluationFailureMessage(),
        record.tenantId());
  }
}
