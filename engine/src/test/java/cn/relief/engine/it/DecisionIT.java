package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.Decision;
import io.camunda.client.api.response.DecisionRequirements;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.EvaluatedDecision;
import io.camunda.client.api.response.EvaluatedDecisionInput;
import io.camunda.client.api.response.EvaluatedDecisionOutput;
import io.camunda.client.api.response.MatchedDecisionRule;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DMN: deploying decision requirements graphs with their decisions (versioned like processes) and
 * evaluating decisions directly (EvaluateDecision), with the audit trail of each evaluation.
 */
class DecisionIT extends ClientTestSupport {
  private static final String RELIEF_AID = "dmn/relief-aid.dmn";

  // ---- deployment -----------------------------------------------------------------------------

  @OverBothTransports
  void deploysTheDecisionsAndTheRequirementsGraphOfADmnResource(Transport transport) {
    CamundaClient client = client(transport);
    String prefix = uniqueId("aid", transport);

    DeploymentEvent deployment = deployDmn(client, dmn(RELIEF_AID, prefix), prefix + ".dmn");

    assertThat(deployment.getKey()).isPositive();
    assertThat(deployment.getProcesses()).isEmpty();
    assertThat(deployment.getDecisionRequirements()).singleElement().satisfies(drg -> {
      assertThat(drg.getDmnDecisionRequirementsId()).isEqualTo(prefix + "-relief-aid");
      assertThat(drg.getDmnDecisionRequirementsName()).isEqualTo("Relief aid");
      assertThat(drg.getVersion()).isEqualTo(1);
      assertThat(drg.getDecisionRequirementsKey()).isPositive();
      assertThat(drg.getResourceName()).isEqualTo(prefix + ".dmn");
      assertThat(drg.getTenantId()).isEqualTo("<default>");
    });
    long drgKey = deployment.getDecisionRequirements().get(0).getDecisionRequirementsKey();
    assertThat(deployment.getDecisions())
        .extracting(Decision::getDmnDecisionId, Decision::getDmnDecisionName, Decision::getVersion,
            Decision::getDmnDecisionRequirementsId, Decision::getDecisionRequirementsKey)
        .containsExactlyInAnyOrder(
            tuple(prefix + "-aid-level", "Aid level", 1, prefix + "-relief-aid", drgKey),
            tuple(prefix + "-first-contact", "First contact", 1, prefix + "-relief-aid", drgKey),
            tuple(prefix + "-supplies", "Supplies", 1, prefix + "-relief-aid", drgKey),
            tuple(prefix + "-payout", "Payout", 1, prefix + "-relief-aid", drgKey),
            tuple(prefix + "-strict", "Strict score", 1, prefix + "-relief-aid", drgKey));
    assertThat(deployment.getDecisions()).extracting(Decision::getDecisionKey)
        .allSatisfy(key -> assertThat(key).isPositive())
        .doesNotHaveDuplicates()
        .doesNotContain(drgKey);
  }

  @OverBothTransports
  void versionsChangedGraphsAndKeepsUnchangedOnes(Transport transport) {
    CamundaClient client = client(transport);
    String prefix = uniqueId("versions", transport);
    String first = dmn(RELIEF_AID, prefix);
    String changed = first.replace("\"North relief station\"", "\"North relief station (new)\"");

    DeploymentEvent v1 = deployDmn(client, first, "aid.dmn");
    // the same bytes again: no new versions, the same keys, but a new deployment
    DeploymentEvent again = deployDmn(client, first, "aid.dmn");
    assertThat(again.getKey()).isNotEqualTo(v1.getKey());
    assertThat(again.getDecisionRequirements().get(0).getDecisionRequirementsKey())
        .isEqualTo(v1.getDecisionRequirements().get(0).getDecisionRequirementsKey());
    assertThat(again.getDecisions())
        .extracting(Decision::getDmnDecisionId, Decision::getVersion, Decision::getDecisionKey)
        .containsExactlyInAnyOrderElementsOf(v1.getDecisions().stream()
            .map(d -> tuple(d.getDmnDecisionId(), 1, d.getDecisionKey())).toList());

    // changed content: the next version of the graph and of every decision in it, with new keys
    DeploymentEvent v2 = deployDmn(client, changed, "aid.dmn");
    assertThat(v2.getDecisionRequirements()).singleElement().satisfies(drg -> {
      assertThat(drg.getVersion()).isEqualTo(2);
      assertThat(drg.getDecisionRequirementsKey())
          .isNotEqualTo(v1.getDecisionRequirements().get(0).getDecisionRequirementsKey());
    });
    assertThat(v2.getDecisions()).hasSize(5).allSatisfy(d -> {
      assertThat(d.getVersion()).isEqualTo(2);
      assertThat(d.getDecisionKey()).isNotIn(v1.getDecisions().stream().map(Decision::getDecisionKey).toList());
      assertThat(d.getDecisionRequirementsKey()).isEqualTo(v2.getDecisionRequirements().get(0).getDecisionRequirementsKey());
    });

    // evaluation by id takes the latest version
    EvaluateDecisionResponse latest = evaluateById(client, prefix + "-first-contact", Map.of("region", "north"));
    assertThat(latest.getDecisionVersion()).isEqualTo(2);
    assertThat(latest.getDecisionOutput()).isEqualTo("\"North relief station (new)\"");
    // ... and by key the version asked for
    long v1Key = decisionKey(v1, prefix + "-first-contact");
    EvaluateDecisionResponse old = client.newEvaluateDecisionCommand().decisionKey(v1Key)
        .variables(Map.of("region", "north")).send().join();
    assertThat(old.getDecisionVersion()).isEqualTo(1);
    assertThat(old.getDecisionOutput()).isEqualTo("\"North relief station\"");
  }

  @OverBothTransports
  void deploysDecisionsTogetherWithProcesses(Transport transport) {
    CamundaClient client = client(transport);
    String prefix = uniqueId("mixed", transport);
    String processId = prefix + "-process";

    DeploymentEvent deployment = client.newDeployResourceCommand()
        .addResourceBytes(dmn(RELIEF_AID, prefix).getBytes(StandardCharsets.UTF_8), "aid.dmn")
        .addProcessModel(oneTask(processId, prefix + "-job"), "process.bpmn")
        .send()
        .join();

    assertThat(deployment.getProcesses()).singleElement()
        .satisfies(p -> assertThat(p.getBpmnProcessId()).isEqualTo(processId));
    assertThat(deployment.getDecisionRequirements()).hasSize(1);
    assertThat(deployment.getDecisions()).hasSize(5);
  }

  // ---- evaluation -----------------------------------------------------------------------------

  @OverBothTransports
  void evaluatesAUniqueDecisionTableById(Transport transport) {
    CamundaClient client = client(transport);
    String prefix = uniqueId("unique", transport);
    DeploymentEvent deployment = deployDmn(client, dmn(RELIEF_AID, prefix), "aid.dmn");
    String decisionId = prefix + "-aid-level";

    EvaluateDecisionResponse large = evaluateById(client, decisionId, Map.of("damage", "destroyed", "householdSize", 5));

    assertThat(large.getDecisionId()).isEqualTo(decisionId);
    assertThat(large.getDecisionKey()).isEqualTo(decisionKey(deployment, decisionId));
    assertThat(large.getDecisionName()).isEqualTo("Aid level");
    assertThat(large.getDecisionVersion()).isEqualTo(1);
    assertThat(large.getDecisionRequirementsId()).isEqualTo(prefix + "-relief-aid");
    assertThat(large.getDecisionRequirementsKey())
        .isEqualTo(deployment.getDecisionRequirements().get(0).getDecisionRequirementsKey());
    assertThat(large.getDecisionEvaluationKey()).isPositive();
    assertThat(large.getFailureMessage()).isNullOrEmpty();
    assertThat(client.getConfiguration().getJsonMapper().fromJsonAsMap(large.getDecisionOutput()))
        .isEqualTo(Map.of("level", "A", "amount", 5000));
    assertThat(large.getEvaluatedDecisions()).singleElement().satisfies(evaluated -> {
      assertThat(evaluated.getDecisionId()).isEqualTo(decisionId);
      assertThat(evaluated.getDecisionType()).isEqualTo("DECISION_TABLE");
      assertThat(evaluated.getDecisionKey()).isEqualTo(large.getDecisionKey());
      assertThat(evaluated.getEvaluatedInputs())
          .extracting(EvaluatedDecisionInput::getInputId, EvaluatedDecisionInput::getInputName,
              EvaluatedDecisionInput::getInputValue)
          .containsExactly(
              tuple("input-damage", "Damage", "\"destroyed\""),
              tuple("input-household", "Household size", "5"));
      assertThat(evaluated.getMatchedRules()).singleElement().satisfies(rule -> {
        assertThat(rule.getRuleId()).isEqualTo("rule-destroyed-large");
        assertThat(rule.getRuleIndex()).isEqualTo(1);
        assertThat(rule.getEvaluatedOutputs())
            .extracting(EvaluatedDecisionOutput::getOutputId, EvaluatedDecisionOutput::getOutputName,
                EvaluatedDecisionOutput::getOutputValue)
            .containsExactly(tuple("output-level", "level", "\"A\""), tuple("output-amount", "amount", "5000"));
      });
    });

    // other inputs match another rule
    EvaluateDecisionResponse damaged = evaluateById(client, decisionId, Map.of("damage", "damaged", "householdSize", 2));
    assertThat(client.getConfiguration().getJsonMapper().fromJsonAsMap(damaged.getDecisionOutput()))
        .isEqualTo(Map.of("level", "C", "amount", 1000.5));
    assertThat(damaged.getEvaluatedDecisions().get(0).getMatchedRules())
        .extracting(MatchedDecisionRule::getRuleId, MatchedDecisionRule::getRuleIndex)
        .containsExactly(tuple("rule-damaged", 3));
    assertThat(damaged.getDecisionEvaluationKey()).isNotEqualTo(large.getDecisionEvaluationKey());

    // no rule matches: the output is null, which is not a failure
    EvaluateDecisionResponse none = evaluateById(client, decisionId, Map.of("damage", "none", "householdSize", 2));
    assertThat(none.getDecisionOutput()).isEqualTo("null");
    assertThat(none.getFailureMessage()).isNullOrEmpty();
    assertThat(none.getEvaluatedDecisions().get(0).getMatchedRules()).isEmpty();
  }

  @OverBothTransports
  void evaluatesFirstAndCollectHitPolicies(Transport transport) {
    CamundaClient client = client(transport);
    String prefix = uniqueId("policies", transport);
    deployDmn(client, dmn(RELIEF_AID, prefix), "aid.dmn");

    // FIRST: the first matching rule only, although the catch-all rule matches too
    EvaluateDecisionResponse north = evaluateById(client, prefix + "-first-contact", Map.of("region", "north"));
    assertThat(north.getDecisionOutput()).isEqualTo("\"North relief station\"");
    assertThat(north.getEvaluatedDecisions().get(0).getMatchedRules())
        .extracting(MatchedDecisionRule::getRuleId, MatchedDecisionRule::getRuleIndex)
        .containsExactly(tuple("rule-north", 1));
    EvaluateDecisionResponse south = evaluateById(client, prefix + "-first-contact", Map.of("region", "south"));
    assertThat(south.getDecisionOutput()).isEqualTo("\"Central relief centre\"");
    assertThat(south.getEvaluatedDecisions().get(0).getMatchedRules())
        .extracting(MatchedDecisionRule::getRuleId).containsExactly("rule-any-region");

    // COLLECT: every matching rule, in order
    EvaluateDecisionResponse large = evaluateById(client, prefix + "-supplies", Map.of("householdSize", 6));
    assertThat(large.getDecisionOutput()).isEqualTo("[\"water\",\"blankets\",\"tent\"]");
    assertThat(large.getEvaluatedDecisions().get(0).getMatchedRules())
        .extracting(MatchedDecisionRule::getRuleId, MatchedDecisionRule::getRuleIndex)
        .containsExactly(tuple("rule-water", 1), tuple("rule-blankets", 2), tuple("rule-tent", 3));
    EvaluateDecisionResponse single = evaluateById(client, prefix + "-supplies", Map.of("householdSize", 1));
    assertThat(single.getDecisionOutput()).isEqualTo("[\"water\"]");
  }

  @OverBothTransports
  void evaluatesALiteralExpressionWithItsRequiredDecisionByKey(Transport transport) {
    CamundaClient client = client(transport);
    String prefix = uniqueId("required", transport);
    DeploymentEvent deployment = deployDmn(client, dmn(RELIEF_AID, prefix), "aid.dmn");
    long payoutKey = decisionKey(deployment, prefix + "-payout");

    EvaluateDecisionResponse payout = client.newEvaluateDecisionCommand()
        .decisionKey(payoutKey)
        .variables(Map.of("damage", "destroyed", "householdSize", 2))
        .send()
        .join();

    assertThat(payout.getDecisionId()).isEqualTo(prefix + "-payout");
    assertThat(payout.getDecisionKey()).isEqualTo(payoutKey);
    assertThat(payout.getDecisionOutput()).isEqualTo("6000");
    // the required decision is evaluated first and is part of the audit trail
    assertThat(payout.getEvaluatedDecisions())
        .extracting(EvaluatedDecision::getDecisionId, EvaluatedDecision::getDecisionType,
            EvaluatedDecision::getDecisionKey, EvaluatedDecision::getDecisionOutput)
        .containsExactly(
            tuple(prefix + "-aid-level", "DECISION_TABLE", decisionKey(deployment, prefix + "-aid-level"),
                "{\"level\":\"B\",\"amount\":3000}"),
            tuple(prefix + "-payout", "LITERAL_EXPRESSION", payoutKey, "6000"));
    assertThat(payout.getEvaluatedDecisions().get(0).getMatchedRules())
        .extracting(MatchedDecisionRule::getRuleId).containsExactly("rule-destroyed-small");
    assertThat(payout.getEvaluatedDecisions().get(1).getMatchedRules()).isEmpty();
  }

  @OverBothTransports
  void answersAFailedEvaluationWithTheFailure(Transport transport) {
    CamundaClient client = client(transport);
    String prefix = uniqueId("failing", transport);
    deployDmn(client, dmn(RELIEF_AID, prefix), "aid.dmn");
    String decisionId = prefix + "-strict";

    // both rules match a score of 15, which a UNIQUE table does not allow
    EvaluateDecisionResponse failed = evaluateById(client, decisionId, Map.of("score", 15));

    assertThat(failed.getFailedDecisionId()).isEqualTo(decisionId);
    assertThat(failed.getFailureMessage())
        .startsWith("Expected to evaluate decision '" + decisionId + "', but ")
        .contains("UNIQUE");
    assertThat(failed.getDecisionId()).isEqualTo(decisionId);
    assertThat(failed.getDecisionEvaluationKey()).isPositive();
    assertThat(failed.getEvaluatedDecisions()).singleElement().satisfies(evaluated -> {
      assertThat(evaluated.getEvaluatedInputs()).extracting(EvaluatedDecisionInput::getInputValue).containsExactly("15");
      assertThat(evaluated.getMatchedRules()).extracting(MatchedDecisionRule::getRuleId)
          .containsExactly("rule-low", "rule-high");
    });
    // a score that matches one rule evaluates fine
    assertThat(evaluateById(client, decisionId, Map.of("score", 5)).getDecisionOutput()).isEqualTo("\"low\"");
  }

  @OverBothTransports
  void rejectsTheEvaluationOfAnUnknownDecision(Transport transport) {
    CamundaClient client = client(transport);
    String decisionId = uniqueId("unknown-decision", transport);

    assertRejected(transport, () -> evaluateById(client, decisionId, Map.of()),
        Status.Code.NOT_FOUND, 404, "no decision found for id '" + decisionId + "'");
    assertRejected(transport,
        () -> client.newEvaluateDecisionCommand().decisionKey(123456789L).variables(Map.of()).send().join(),
        Status.Code.NOT_FOUND, 404, "no decision found for key '123456789'");
  }

  // ---- invalid resources ----------------------------------------------------------------------

  @OverBothTransports
  void rejectsDmnThatDoesNotParseWithTheReasonAndDeploysNothing(Transport transport) {
    CamundaClient client = client(transport);
    String prefix = uniqueId("invalid", transport);

    // a FEEL error in a rule; the valid resource of the same deployment is not deployed either
    assertRejected(transport,
        () -> client.newDeployResourceCommand()
            .addResourceBytes(dmn(RELIEF_AID, prefix).getBytes(StandardCharsets.UTF_8), "valid.dmn")
            .addResourceBytes(dmn("dmn/invalid-feel.dmn", prefix).getBytes(StandardCharsets.UTF_8), "broken.dmn")
            .send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "'broken.dmn'", "failed to parse expression '>>> 5 ('");
    assertRejected(transport, () -> evaluateById(client, prefix + "-aid-level", Map.of()),
        Status.Code.NOT_FOUND, 404, "no decision found");

    // not XML at all
    assertRejected(transport, () -> deployDmn(client, "<definitions", "garbage.dmn"),
        Status.Code.INVALID_ARGUMENT, 400, "'garbage.dmn'", "could not be parsed");

    // a decision without id
    String noId = """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="%s" name="No id" namespace="x">
          <decision name="Anonymous"><literalExpression><text>1</text></literalExpression></decision>
        </definitions>
        """.formatted(prefix + "-no-id");
    assertRejected(transport, () -> deployDmn(client, noId, "no-id.dmn"),
        Status.Code.INVALID_ARGUMENT, 400, "'no-id.dmn'", "decision to have an id", "'Anonymous'");
  }

  @OverBothTransports
  void rejectsDmnWithADoctype(Transport transport) {
    CamundaClient client = client(transport);
    String prefix = uniqueId("doctype", transport);

    assertRejected(transport, () -> deployDmn(client, dmn("dmn/doctype.dmn", prefix), "doctype.dmn"),
        Status.Code.INVALID_ARGUMENT, 400, "'doctype.dmn'", "DOCTYPE");
    // also when the declaration hides in another encoding
    byte[] utf16 = dmn("dmn/doctype.dmn", prefix).replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"")
        .getBytes(StandardCharsets.UTF_16);
    assertRejected(transport,
        () -> client.newDeployResourceCommand().addResourceBytes(utf16, "doctype-16.dmn").send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "'doctype-16.dmn'", "DOCTYPE");
  }

  // ---- audit trail ----------------------------------------------------------------------------

  @Test
  void recordsEveryEvaluationAndTheVersionTagInTheLog() {
    CamundaClient client = client(Transport.REST);
    String prefix = uniqueId("audit", Transport.REST);
    DeploymentEvent deployment = deployDmn(client, dmn(RELIEF_AID, prefix), "aid.dmn");

    EvaluateDecisionResponse evaluated = client.newEvaluateDecisionCommand().decisionId(prefix + "-payout")
        .variables(Map.of("damage", "destroyed", "householdSize", 7)).send().join();
    EvaluateDecisionResponse failed = evaluateById(client, prefix + "-strict", Map.of("score", 20));

    Map<String, String> record = logRecord("DECISION_EVALUATION", evaluated.getDecisionEvaluationKey());
    assertThat(record).containsEntry("intent", "EVALUATED")
        .containsEntry("decisionId", prefix + "-payout")
        .containsEntry("decisionKey", String.valueOf(decisionKey(deployment, prefix + "-payout")))
        .containsEntry("decisionOutput", "10000")
        .containsEntry("decisionRequirementsId", prefix + "-relief-aid")
        .containsEntry("processInstanceKey", "-1");
    // jsonb writes its text with a blank after each colon
    assertThat(record.get("evaluatedDecisions"))
        .contains("\"decisionId\": \"" + prefix + "-aid-level\"")
        .contains("\"ruleId\": \"rule-destroyed-large\"")
        .contains("\"inputValue\": \"\\\"destroyed\\\"\"");

    Map<String, String> failure = logRecord("DECISION_EVALUATION", failed.getDecisionEvaluationKey());
    assertThat(failure).containsEntry("intent", "FAILED").containsEntry("failedDecisionId", prefix + "-strict");
    assertThat(failure.get("evaluationFailureMessage")).contains("UNIQUE");

    Map<String, String> decision = logRecord("DECISION", decisionKey(deployment, prefix + "-aid-level"));
    assertThat(decision).containsEntry("intent", "CREATED").containsEntry("versionTag", "2024-a");
    assertThat(logRecord("DECISION", decisionKey(deployment, prefix + "-supplies")).get("versionTag")).isNull();
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** A DMN test resource with its ids made unique by {@code prefix}. */
  static String dmn(String resource, String prefix) {
    try (InputStream in = DecisionIT.class.getClassLoader().getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("ID_PREFIX", prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DeploymentEvent deployDmn(CamundaClient client, String xml, String resourceName) {
    return client.newDeployResourceCommand()
        .addResourceBytes(xml.getBytes(StandardCharsets.UTF_8), resourceName)
        .send()
        .join();
  }

  private static EvaluateDecisionResponse evaluateById(CamundaClient client, String decisionId, Map<String, Object> variables) {
    return client.newEvaluateDecisionCommand().decisionId(decisionId).variables(variables).send().join();
  }

  private static long decisionKey(DeploymentEvent deployment, String decisionId) {
    return deployment.getDecisions().stream()
        .filter(d -> d.getDmnDecisionId().equals(decisionId))
        .findFirst()
        .orElseThrow()
        .getDecisionKey();
  }

  /** The event of the given type and key: its intent plus its value's top-level fields as text. */
  private Map<String, String> logRecord(String valueType, long key) {
    String sql = """
        SELECT r.intent, f.key, f.value
          FROM engine_record r, jsonb_each_text(r.value::jsonb) f
         WHERE r.value_type = ? AND r.record_key = ? AND r.record_type = 'EVENT'
        """;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, valueType);
      statement.setLong(2, key);
      Map<String, String> fields = new java.util.HashMap<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          fields.put("intent", rows.getString(1));
          fields.put(rows.getString(2), rows.getString(3));
        }
      }
      assertThat(fields).as("%s record %d in the log", valueType, key).isNotEmpty();
      return fields;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the event log", e);
    }
  }
}
