package cn.relief.engine.dmn;

import cn.relief.engine.dmn.DecisionResult.EvaluatedDecision;
import cn.relief.engine.dmn.DecisionResult.EvaluatedInput;
import cn.relief.engine.dmn.DecisionResult.EvaluatedOutput;
import cn.relief.engine.dmn.DecisionResult.MatchedRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.dmn.Audit;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.ParsedContext;
import org.camunda.dmn.parser.ParsedDecisionLogic;
import org.camunda.dmn.parser.ParsedDecisionTable;
import org.camunda.dmn.parser.ParsedInvocation;
import org.camunda.dmn.parser.ParsedList;
import org.camunda.dmn.parser.ParsedLiteralExpression;
import org.camunda.dmn.parser.ParsedRelation;
import org.camunda.dmn.parser.ParsedRule;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;

/**
 * Evaluates a decision of a graph with dmn-scala and reports the whole evaluation as plain Java
 * values. Never throws for a decision that cannot be evaluated: that is a failed result.
 */
public final class DecisionEvaluator {
  private final DmnEngine engine = DmnEngines.create();

  public DecisionResult evaluate(ExecutableDecisionRequirements drg, String decisionId, Map<String, Object> variables) {
    Either<DmnEngine.EvalFailure, DmnEngine.EvalResult> evaluation;
    try {
      evaluation = engine.eval(drg.parsed(), decisionId, variables == null ? Map.of() : variables);
    } catch (RuntimeException e) {
      // dmn-scala reports failures as values; an exception is a corner it did not foresee
      return new DecisionResult(null, List.of(), failure(decisionId, String.valueOf(e.getMessage())), decisionId);
    }
    if (evaluation.isRight()) {
      DmnEngine.EvalResult result = evaluation.toOption().get();
      Object output = result.isNil() ? null : DmnValues.toPlain(result.value());
      return new DecisionResult(output, evaluatedDecisions(drg, result.auditLog()), null, null);
    }
    DmnEngine.EvalFailure failure = evaluation.left().toOption().get();
    List<EvaluatedDecision> evaluated = evaluatedDecisions(drg, failure.auditLog());
    // dmn-scala stops at the failing decision: it is the last one evaluated
    String failedDecisionId = evaluated.isEmpty() ? decisionId : evaluated.get(evaluated.size() - 1).decisionId();
    return new DecisionResult(null, evaluated, failure(decisionId, failure.failure().message()), failedDecisionId);
  }

  private static String failure(String decisionId, String reason) {
    return "Expected to evaluate decision '" + decisionId + "', but " + reason;
  }

  private static List<EvaluatedDecision> evaluatedDecisions(ExecutableDecisionRequirements drg, Audit.AuditLog log) {
    List<EvaluatedDecision> evaluated = new ArrayList<>();
    if (log == null) {
      return evaluated;
    }
    for (Audit.AuditLogEntry entry : CollectionConverters.asJava(log.entries())) {
      if (drg.decision(entry.id()) == null) {
        continue; // a business knowledge model invoked by a decision, not a decision itself
      }
      Audit.EvaluationResult result = entry.result();
      List<EvaluatedInput> inputs = new ArrayList<>();
      List<MatchedRule> rules = new ArrayList<>();
      if (result instanceof Audit.DecisionTableEvaluationResult table
          && entry.decisionLogic() instanceof ParsedDecisionTable parsedTable) {
        for (Audit.EvaluatedInput input : CollectionConverters.asJava(table.inputs())) {
          inputs.add(new EvaluatedInput(input.input().id(), input.input().name(), DmnValues.toPlain(input.value())));
        }
        List<ParsedRule> allRules = new ArrayList<>(CollectionConverters.asJavaCollection(parsedTable.rules()));
        for (Audit.EvaluatedRule rule : CollectionConverters.asJava(table.matchedRules())) {
          List<EvaluatedOutput> outputs = new ArrayList<>();
          for (Audit.EvaluatedOutput output : CollectionConverters.asJava(rule.outputs())) {
            outputs.add(new EvaluatedOutput(
                output.output().id(), output.output().name(), DmnValues.toPlain(output.value())));
          }
          rules.add(new MatchedRule(rule.rule().id(), allRules.indexOf(rule.rule()) + 1, outputs));
        }
      }
      evaluated.add(new EvaluatedDecision(entry.id(), entry.name(), decisionType(entry.decisionLogic()),
          result == null ? null : DmnValues.toPlain(result.result()), inputs, rules));
    }
    return evaluated;
  }

  private static String decisionType(ParsedDecisionLogic logic) {
    if (logic instanceof ParsedDecisionTable) {
      return "DECISION_TABLE";
    } else if (logic instanceof ParsedLiteralExpression) {
      return "LITERAL_EXPRESSION";
    } else if (logic instanceof ParsedContext) {
      return "CONTEXT";
    } else if (logic instanceof ParsedList) {
      return "LIST";
    } else if (logic instanceof ParsedRelation) {
      return "RELATION";
    } else if (logic instanceof ParsedInvocation) {
      return "INVOCATION";
    }
    return "UNKNOWN";
  }
}
