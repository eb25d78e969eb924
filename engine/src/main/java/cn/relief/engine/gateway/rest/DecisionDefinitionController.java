package cn.relief.engine.gateway.rest;

import cn.relief.engine.api.EngineApi;
import io.camunda.client.protocol.rest.DecisionEvaluationInstruction;
import io.camunda.client.protocol.rest.EvaluateDecisionResult;
import io.camunda.client.protocol.rest.EvaluatedDecisionInputItem;
import io.camunda.client.protocol.rest.EvaluatedDecisionOutputItem;
import io.camunda.client.protocol.rest.EvaluatedDecisionResult;
import io.camunda.client.protocol.rest.MatchedDecisionRuleItem;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v2/decision-definitions/evaluation}: evaluates a decision named by {@code
 * decisionDefinitionId} (latest version) or {@code decisionDefinitionKey}. A decision that fails to
 * evaluate is answered with 200 and the failure ({@code failureMessage}, {@code
 * failedDecisionDefinitionId}), as Camunda does; an unknown decision is a 404.
 */
@RestController
public class DecisionDefinitionController {
  private final EngineApi api;

  public DecisionDefinitionController(EngineApi api) {
    this.api = api;
  }

  @PostMapping("/v2/decision-definitions/evaluation")
  public CompletableFuture<EvaluateDecisionResult> evaluate(@RequestBody DecisionEvaluationInstruction request) {
    boolean byKey = request.getDecisionDefinitionKey() != null;
    boolean byId = request.getDecisionDefinitionId() != null;
    if (byKey == byId) {
      throw RestRequestException.invalid("Expected either decisionDefinitionId or decisionDefinitionKey, but "
          + (byKey ? "both were given" : "neither was given"));
    }
    EngineApi.EvaluateDecision command = byKey
        ? new EngineApi.EvaluateDecision("",
            RestRequests.key("decisionDefinitionKey", request.getDecisionDefinitionKey()),
            RestRequests.variables(request.getVariables()), RestRequests.tenant(request.getTenantId()))
        : new EngineApi.EvaluateDecision(
            RestRequests.requireText("decisionDefinitionId", request.getDecisionDefinitionId()), 0,
            RestRequests.variables(request.getVariables()), RestRequests.tenant(request.getTenantId()));
    return api.evaluateDecision(command).thenApply(DecisionDefinitionController::toResult);
  }

  private static EvaluateDecisionResult toResult(EngineApi.DecisionEvaluationInfo info) {
    String evaluationKey = String.valueOf(info.decisionEvaluationKey());
    EvaluateDecisionResult result = new EvaluateDecisionResult()
        .decisionDefinitionId(info.decisionId())
        .decisionDefinitionKey(String.valueOf(info.decisionKey()))
        .decisionDefinitionName(info.decisionName())
        .decisionDefinitionVersion(info.decisionVersion())
        .decisionRequirementsId(info.decisionRequirementsId())
        .decisionRequirementsKey(String.valueOf(info.decisionRequirementsKey()))
        .output(info.decisionOutput())
        .failedDecisionDefinitionId(info.failedDecisionId())
        .failureMessage(info.failureMessage())
        .tenantId(RestRequests.tenant(info.tenantId()))
        .decisionInstanceKey(evaluationKey)
        .decisionEvaluationKey(evaluationKey);
    for (EngineApi.EvaluatedDecision decision : info.evaluatedDecisions()) {
      EvaluatedDecisionResult evaluated = new EvaluatedDecisionResult()
          .decisionDefinitionId(decision.decisionId())
          .decisionDefinitionKey(String.valueOf(decision.decisionKey()))
          .decisionDefinitionName(decision.decisionName())
          .decisionDefinitionVersion(decision.decisionVersion())
          .decisionDefinitionType(decision.decisionType())
          .output(decision.decisionOutput())
          .tenantId(RestRequests.tenant(decision.tenantId()))
          .decisionEvaluationInstanceKey(decision.evaluationInstanceKey());
      for (EngineApi.EvaluatedDecisionInput input : decision.evaluatedInputs()) {
        evaluated.addEvaluatedInputsItem(new EvaluatedDecisionInputItem()
            .inputId(input.inputId())
            .inputName(input.inputName())
            .inputValue(input.inputValue()));
      }
      for (EngineApi.MatchedDecisionRule rule : decision.matchedRules()) {
        MatchedDecisionRuleItem matched = new MatchedDecisionRuleItem().ruleId(rule.ruleId()).ruleIndex(rule.ruleIndex());
        for (EngineApi.EvaluatedDecisionOutput output : rule.evaluatedOutputs()) {
          matched.addEvaluatedOutputsItem(new EvaluatedDecisionOutputItem()
              .outputId(output.outputId())
              .outputName(output.outputName())
              .outputValue(output.outputValue()));
        }
        evaluated.addMatchedRulesItem(matched);
      }
      result.addEvaluatedDecisionsItem(evaluated);
    }
    return result;
  }
}
