package cn.relief.engine.processing.dmn;

import cn.relief.engine.dmn.DecisionEvaluator;
import cn.relief.engine.dmn.DecisionResult;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.record.DecisionEvaluationRecord;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.DecisionState;
import cn.relief.engine.state.DeployedDecision;
import cn.relief.engine.state.DeployedDecisionRequirements;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * Evaluates decisions for business rule tasks and for the EvaluateDecision command. Every call
 * writes exactly one DECISION_EVALUATION event, EVALUATED or FAILED, holding the audit trail of
 * the evaluation; it never rejects: a decision that is missing or fails is an {@link Outcome}
 * with a failure message, which the caller turns into an incident (or a response).
 */
public final class DecisionBehavior {
  /** Binding types of a business rule task's called decision, as Zeebe names them. */
  public static final String BINDING_LATEST = "latest";
  public static final String BINDING_DEPLOYMENT = "deployment";
  public static final String BINDING_VERSION_TAG = "versionTag";

  /** latest, deployment (the deployment of the calling process: deploymentKey) or versionTag. */
  public record DecisionReference(String decisionId, String bindingType, String versionTag, long deploymentKey, String tenantId) {}

  /** Where the evaluation comes from; NONE for a direct EvaluateDecision call. */
  public record EvaluationOrigin(String bpmnProcessId, long processDefinitionKey, long processInstanceKey, String elementId, long elementInstanceKey) {
    public static final EvaluationOrigin NONE = new EvaluationOrigin("", -1, -1, "", -1);
  }

  /**
   * The result: on success {@code output} is the decision's output as a plain Java value (map,
   * list, string, long, double, boolean or null); on failure {@code failureMessage} says why.
   * {@code decisionEvaluationKey} is the key of the DECISION_EVALUATION event written.
   */
  public record Outcome(Object output, String failureMessage, long decisionEvaluationKey) {
    public boolean isFailure() {
      return failureMessage != null;
    }
  }

  /** The event written for an evaluation, for callers that answer with the whole evaluation. */
  record Evaluation(long key, DecisionEvaluationRecord record, Object output) {}

  private final DecisionEvaluator evaluator;
  private final ObjectMapper json;

  public DecisionBehavior(DecisionEvaluator evaluator, ObjectMapper json) {
    this.evaluator = evaluator;
    this.json = json;
  }

  /** Finds the referenced decision, evaluates it against the variables and records the evaluation. */
  public Outcome evaluate(CommandContext ctx, DecisionReference reference, Map<String, Object> variables, EvaluationOrigin origin) {
    DecisionState decisions = ctx.state().decisions();
    String bindingType = reference.bindingType() == null || reference.bindingType().isBlank()
        ? BINDING_LATEST : reference.bindingType();
    DeployedDecision decision = null;
    String notFound;
    switch (bindingType) {
      case BINDING_LATEST -> {
        decision = decisions.latest(reference.decisionId());
        notFound = String.format("Expected to evaluate decision '%s', but no decision found for id '%s'",
            reference.decisionId(), reference.decisionId());
      }
      case BINDING_DEPLOYMENT -> {
        decision = decisions.inDeployment(reference.decisionId(), reference.deploymentKey());
        notFound = String.format("Expected to evaluate decision '%s' with binding type 'deployment', but no such"
                + " decision was deployed together with the calling process (deployment key %d); deploy the"
                + " decision together with the process",
            reference.decisionId(), reference.deploymentKey());
      }
      case BINDING_VERSION_TAG -> {
        decision = decisions.latestWithVersionTag(reference.decisionId(), reference.versionTag());
        notFound = String.format("Expected to evaluate decision '%s' with version tag '%s', but no such decision"
                + " found; deploy a decision with this id and version tag",
            reference.decisionId(), reference.versionTag());
      }
      default -> notFound = String.format("Expected to evaluate decision '%s' with binding type 'latest',"
              + " 'deployment' or 'versionTag', but the binding type was '%s'",
          reference.decisionId(), bindingType);
    }
    if (decision == null) {
      long key = ctx.state().keys().nextKey();
      ctx.writer().appendEvent(key, ValueType.DECISION_EVALUATION, Intent.DecisionEvaluation.FAILED,
          new DecisionEvaluationRecord(-1, reference.decisionId(), "", -1, -1, "", "null", List.of(), notFound,
              reference.decisionId(), origin.bpmnProcessId(), origin.processDefinitionKey(),
              origin.processInstanceKey(), origin.elementId(), origin.elementInstanceKey(),
              reference.tenantId() == null || reference.tenantId().isBlank() ? "<default>" : reference.tenantId()));
      return new Outcome(null, notFound, key);
    }
    return evaluate(ctx, decision, variables, origin);
  }

  /** Evaluates a known decision version and records the evaluation. */
  public Outcome evaluate(CommandContext ctx, DeployedDecision decision, Map<String, Object> variables, EvaluationOrigin origin) {
    Evaluation evaluation = evaluateAndRecord(ctx, decision, variables, origin);
    return new Outcome(evaluation.output(), evaluation.record().evaluationFailureMessage(), evaluation.key());
  }

  Evaluation evaluateAndRecord(
      CommandContext ctx, DeployedDecision decision, Map<String, Object> variables, EvaluationOrigin origin) {
    DecisionState decisions = ctx.state().decisions();
    DeployedDecisionRequirements drg = decisions.requirementsByKey(decision.record().decisionRequirementsKey());
    DecisionResult result = evaluator.evaluate(drg.executable(), decision.record().decisionId(), variables);
    String tenantId = decision.record().tenantId();
    List<DecisionEvaluationRecord.EvaluatedDecision> evaluated = result.evaluatedDecisions().stream()
        .map(d -> evaluatedDecision(decisions, drg.key(), d, tenantId))
        .toList();
    long key = ctx.state().keys().nextKey();
    DecisionEvaluationRecord record = new DecisionEvaluationRecord(
        decision.key(),
        decision.record().decisionId(),
        decision.record().decisionName(),
        decision.record().version(),
        drg.key(),
        drg.record().decisionRequirementsId(),
        toJson(result.output()),
        evaluated,
        result.failureMessage(),
        result.failedDecisionId(),
        origin.bpmnProcessId(),
        origin.processDefinitionKey(),
        origin.processInstanceKey(),
        origin.elementId(),
        origin.elementInstanceKey(),
        tenantId);
    ctx.writer().appendEvent(key, ValueType.DECISION_EVALUATION,
        result.isFailure() ? Intent.DecisionEvaluation.FAILED : Intent.DecisionEvaluation.EVALUATED, record);
    return new Evaluation(key, record, result.output());
  }

  private DecisionEvaluationRecord.EvaluatedDecision evaluatedDecision(
      DecisionState decisions, long drgKey, DecisionResult.EvaluatedDecision evaluated, String tenantId) {
    // required decisions are versions of the same graph version as the called one
    DeployedDecision version = decisions.inRequirements(drgKey, evaluated.decisionId());
    return new DecisionEvaluationRecord.EvaluatedDecision(
        evaluated.decisionId(),
        evaluated.decisionName(),
        version == null ? -1 : version.key(),
        version == null ? -1 : version.record().version(),
        evaluated.decisionType(),
        toJson(evaluated.output()),
        evaluated.evaluatedInputs().stream()
            .map(i -> new DecisionEvaluationRecord.EvaluatedInput(i.inputId(), i.inputName(), toJson(i.inputValue())))
            .toList(),
        evaluated.matchedRules().stream()
            .map(r -> new DecisionEvaluationRecord.MatchedRule(r.ruleId(), r.ruleIndex(), r.evaluatedOutputs().stream()
                .map(o -> new DecisionEvaluationRecord.EvaluatedOutput(o.outputId(), o.outputName(), toJson(o.outputValue())))
                .toList()))
            .toList(),
        tenantId);
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A decision value is not plain JSON: " + value, e);
    }
  }
}
