package cn.relief.engine.gateway.rest;

import static cn.relief.engine.gateway.rest.HistoryResponses.date;
import static cn.relief.engine.gateway.rest.HistoryResponses.integer;
import static cn.relief.engine.gateway.rest.HistoryResponses.key;
import static cn.relief.engine.gateway.rest.HistoryResponses.text;

import cn.relief.engine.history.search.HistoryTables;
import cn.relief.engine.history.search.NotFoundInHistoryException;
import cn.relief.engine.history.search.SqlSearch;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.protocol.rest.DecisionDefinitionResult;
import io.camunda.client.protocol.rest.DecisionDefinitionSearchQueryResult;
import io.camunda.client.protocol.rest.DecisionDefinitionTypeEnum;
import io.camunda.client.protocol.rest.DecisionInstanceGetQueryResult;
import io.camunda.client.protocol.rest.DecisionInstanceResult;
import io.camunda.client.protocol.rest.DecisionInstanceSearchQueryResult;
import io.camunda.client.protocol.rest.DecisionInstanceStateEnum;
import io.camunda.client.protocol.rest.DecisionRequirementsResult;
import io.camunda.client.protocol.rest.DecisionRequirementsSearchQueryResult;
import io.camunda.client.protocol.rest.EvaluatedDecisionInputItem;
import io.camunda.client.protocol.rest.EvaluatedDecisionOutputItem;
import io.camunda.client.protocol.rest.MatchedDecisionRuleItem;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** History queries about decisions: definitions, requirements graphs (with their XML) and instances. */
@RestController
public class DecisionQueryController {
  private final SqlSearch search;
  private final ObjectMapper json = new ObjectMapper();

  public DecisionQueryController(SqlSearch search) {
    this.search = search;
  }

  @PostMapping("/v2/decision-definitions/search")
  public DecisionDefinitionSearchQueryResult searchDefinitions(@RequestBody(required = false) Map<String, Object> body) {
    SqlSearch.Page page = search.search(HistoryTables.DECISION_DEFINITIONS, body, null);
    return new DecisionDefinitionSearchQueryResult()
        .items(page.rows().stream().map(DecisionQueryController::definition).toList())
        .page(HistoryResponses.page(page));
  }

  @GetMapping("/v2/decision-definitions/{key}")
  public DecisionDefinitionResult getDefinition(@PathVariable("key") String key) {
    return definition(search.byKey(HistoryTables.DECISION_DEFINITIONS, key, "decision definition"));
  }

  /** The XML of the requirements graph the decision belongs to. */
  @GetMapping("/v2/decision-definitions/{key}/xml")
  public void getDefinitionXml(@PathVariable("key") String key, HttpServletResponse response) throws IOException {
    Map<String, Object> decision =
        search.byKey(HistoryTables.DECISION_DEFINITIONS, key, "decision definition");
    writeXml(response, requirements(String.valueOf(decision.get("decision_requirements_key"))));
  }

  @PostMapping("/v2/decision-requirements/search")
  public DecisionRequirementsSearchQueryResult searchRequirements(
      @RequestBody(required = false) Map<String, Object> body) {
    SqlSearch.Page page = search.search(HistoryTables.DECISION_REQUIREMENTS, body, null);
    return new DecisionRequirementsSearchQueryResult()
        .items(page.rows().stream().map(DecisionQueryController::requirementsResult).toList())
        .page(HistoryResponses.page(page));
  }

  @GetMapping("/v2/decision-requirements/{key}")
  public DecisionRequirementsResult getRequirements(@PathVariable("key") String key) {
    return requirementsResult(requirements(key));
  }

  @GetMapping("/v2/decision-requirements/{key}/xml")
  public void getRequirementsXml(@PathVariable("key") String key, HttpServletResponse response) throws IOException {
    writeXml(response, requirements(key));
  }

  @PostMapping("/v2/decision-instances/search")
  public DecisionInstanceSearchQueryResult searchInstances(@RequestBody(required = false) Map<String, Object> body) {
    SqlSearch.Page page = search.search(HistoryTables.DECISION_INSTANCES, body, null);
    return new DecisionInstanceSearchQueryResult()
        .items(page.rows().stream().map(DecisionQueryController::instance).toList())
        .page(HistoryResponses.page(page));
  }

  /** One evaluated decision, with its inputs and matched rules: what an auditor needs to follow a decision. */
  @GetMapping("/v2/decision-instances/{id}")
  public DecisionInstanceGetQueryResult getInstance(@PathVariable("id") String id) {
    List<Map<String, Object>> rows = search.search(HistoryTables.DECISION_INSTANCES,
        Map.of("filter", Map.of("decisionEvaluationInstanceKey", id)), null).rows();
    if (rows.isEmpty()) {
      throw new NotFoundInHistoryException(
          "Expected to find a decision instance with id '" + id + "', but none was found");
    }
    Map<String, Object> row = rows.get(0);
    DecisionInstanceResult base = instance(row);
    return new DecisionInstanceGetQueryResult()
        .decisionEvaluationInstanceKey(base.getDecisionEvaluationInstanceKey())
        .decisionEvaluationKey(base.getDecisionEvaluationKey())
        .state(base.getState())
        .evaluationDate(base.getEvaluationDate())
        .evaluationFailure(base.getEvaluationFailure())
        .decisionDefinitionId(base.getDecisionDefinitionId())
        .decisionDefinitionName(base.getDecisionDefinitionName())
        .decisionDefinitionVersion(base.getDecisionDefinitionVersion())
        .decisionDefinitionType(base.getDecisionDefinitionType())
        .decisionDefinitionKey(base.getDecisionDefinitionKey())
        .result(base.getResult())
        .processDefinitionKey(base.getProcessDefinitionKey())
        .processInstanceKey(base.getProcessInstanceKey())
        .elementInstanceKey(base.getElementInstanceKey())
        .tenantId(base.getTenantId())
        .evaluatedInputs(read(text(row, "evaluated_inputs"), new TypeReference<List<Map<String, Object>>>() {})
            .stream().map(input -> new EvaluatedDecisionInputItem()
                .inputId(string(input.get("inputId")))
                .inputName(string(input.get("inputName")))
                .inputValue(string(input.get("inputValue")))).toList())
        .matchedRules(read(text(row, "matched_rules"), new TypeReference<List<Map<String, Object>>>() {})
            .stream().map(this::rule).toList());
  }

  @SuppressWarnings("unchecked")
  private MatchedDecisionRuleItem rule(Map<String, Object> rule) {
    List<Map<String, Object>> outputs = (List<Map<String, Object>>) rule.getOrDefault("evaluatedOutputs", List.of());
    return new MatchedDecisionRuleItem()
        .ruleId(string(rule.get("ruleId")))
        .ruleIndex(rule.get("ruleIndex") == null ? null : ((Number) rule.get("ruleIndex")).intValue())
        .evaluatedOutputs(outputs.stream().map(output -> new EvaluatedDecisionOutputItem()
            .outputId(string(output.get("outputId")))
            .outputName(string(output.get("outputName")))
            .outputValue(string(output.get("outputValue")))).toList());
  }

  private Map<String, Object> requirements(String key) {
    return search.byKey(HistoryTables.DECISION_REQUIREMENTS, key, "decision requirements");
  }

  private static void writeXml(HttpServletResponse response, Map<String, Object> requirements) throws IOException {
    response.setContentType("text/xml;charset=UTF-8");
    response.getOutputStream().write(text(requirements, "dmn_xml").getBytes(StandardCharsets.UTF_8));
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (IOException e) {
      throw new IllegalStateException("The history holds JSON it wrote itself", e);
    }
  }

  private static String string(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private static DecisionDefinitionResult definition(Map<String, Object> row) {
    return new DecisionDefinitionResult()
        .decisionDefinitionKey(key(row, "decision_key"))
        .decisionDefinitionId(text(row, "decision_id"))
        .name(text(row, "name"))
        .version(integer(row, "version"))
        .decisionRequirementsId(text(row, "decision_requirements_id"))
        .decisionRequirementsKey(key(row, "decision_requirements_key"))
        .tenantId(text(row, "tenant_id"));
  }

  private static DecisionRequirementsResult requirementsResult(Map<String, Object> row) {
    return new DecisionRequirementsResult()
        .decisionRequirementsKey(key(row, "decision_requirements_key"))
        .decisionRequirementsId(text(row, "decision_requirements_id"))
        .decisionRequirementsName(text(row, "name"))
        .version(integer(row, "version"))
        .resourceName(text(row, "resource_name"))
        .tenantId(text(row, "tenant_id"));
  }

  private static String keyOrNone(Map<String, Object> row, String column) {
    String key = key(row, column);
    return key == null ? "-1" : key;
  }

  private static DecisionInstanceResult instance(Map<String, Object> row) {
    String type = text(row, "decision_type");
    return new DecisionInstanceResult()
        .decisionEvaluationInstanceKey(text(row, "decision_instance_id"))
        .decisionEvaluationKey(key(row, "decision_evaluation_key"))
        .state(DecisionInstanceStateEnum.fromValue(text(row, "state")))
        .evaluationDate(date(row, "evaluation_date"))
        .evaluationFailure(text(row, "failure_message"))
        .decisionDefinitionId(text(row, "decision_id"))
        .decisionDefinitionName(text(row, "decision_name"))
        .decisionDefinitionVersion(integer(row, "decision_version"))
        .decisionDefinitionType("DECISION_TABLE".equals(type) || "LITERAL_EXPRESSION".equals(type)
            ? DecisionDefinitionTypeEnum.fromValue(type) : DecisionDefinitionTypeEnum.UNSPECIFIED)
        .decisionDefinitionKey(key(row, "decision_key"))
        .result(text(row, "result"))
        // the client reads these keys as numbers, always: an evaluation outside a process has -1, as in Zeebe
        .processDefinitionKey(keyOrNone(row, "process_definition_key"))
        .processInstanceKey(keyOrNone(row, "process_instance_key"))
        .elementInstanceKey(keyOrNone(row, "element_instance_key"))
        .tenantId(text(row, "tenant_id"));
  }
}
