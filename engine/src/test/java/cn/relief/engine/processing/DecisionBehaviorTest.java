package cn.relief.engine.processing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.api.EngineApi.DeployResource;
import cn.relief.engine.api.EngineApi.DeploymentInfo;
import cn.relief.engine.bpmn.BpmnTransformer;
import cn.relief.engine.dmn.DecisionEvaluator;
import cn.relief.engine.dmn.DmnTransformer;
import cn.relief.engine.feel.ExpressionLanguage;
import cn.relief.engine.processing.command.DeploymentProcessor;
import cn.relief.engine.processing.command.StartEventSubscriptions;
import cn.relief.engine.processing.dmn.DecisionBehavior;
import cn.relief.engine.processing.dmn.DecisionBehavior.DecisionReference;
import cn.relief.engine.processing.dmn.DecisionBehavior.EvaluationOrigin;
import cn.relief.engine.processing.dmn.DecisionBehavior.Outcome;
import cn.relief.engine.record.DecisionEvaluationRecord;
import cn.relief.engine.record.Record;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.EngineState;
import cn.relief.engine.state.EventAppliers;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What business rule tasks rely on: the binding types find the right decision version, every
 * evaluation writes one DECISION_EVALUATION event, and a missing or failing decision is an outcome
 * with a message, not an exception or a rejection.
 */
class DecisionBehaviorTest {
  private static final String TENANT = "<default>";
  private static final EvaluationOrigin ORIGIN = new EvaluationOrigin("claim", 11, 22, "decide", 33);

  private final ObjectMapper json = new ObjectMapper();
  private final BpmnTransformer bpmn = new BpmnTransformer(new ExpressionLanguage());
  private final DmnTransformer dmn = new DmnTransformer();
  private final EngineState state = new EngineState(1);
  private final RecordWriter writer = new RecordWriter(state, new EventAppliers(state, bpmn, dmn, json));
  private final DeploymentProcessor deployments = new DeploymentProcessor(bpmn, dmn, new StartEventSubscriptions(new ExpressionLanguage()));
  private final DecisionBehavior behavior = new DecisionBehavior(new DecisionEvaluator(), json);

  @Test
  void bindsToTheLatestVersionTheDeploymentOrTheVersionTag() throws IOException {
    String v1 = dmn("t");
    String v2 = v1.replace("\"2024-a\"", "\"2024-b\"").replace("<text>5000</text>", "<text>6000</text>");
    DeploymentInfo first = deploy(resource("aid.dmn", v1), resource("claim.bpmn", process("claim", "a")));
    DeploymentInfo second = deploy(resource("aid.dmn", v2));
    // the unchanged graph in a later deployment, next to a changed process
    DeploymentInfo third = deploy(resource("aid.dmn", v2), resource("claim.bpmn", process("claim", "b")));
    assertThat(second.decisions()).allSatisfy(d -> assertThat(d.version()).isEqualTo(2));
    assertThat(third.decisions()).allSatisfy(d -> assertThat(d.version()).isEqualTo(2));
    Map<String, Object> destroyedLarge = Map.of("damage", "destroyed", "householdSize", 4);

    assertThat(evaluate("t-aid-level", "latest", null, 0, destroyedLarge).output())
        .isEqualTo(Map.of("level", "A", "amount", 6000L));
    // no binding type means latest, as in Zeebe
    assertThat(evaluate("t-aid-level", null, null, 0, destroyedLarge).output())
        .isEqualTo(Map.of("level", "A", "amount", 6000L));
    assertThat(evaluate("t-aid-level", "deployment", null, first.deploymentKey(), destroyedLarge).output())
        .isEqualTo(Map.of("level", "A", "amount", 5000L));
    assertThat(evaluate("t-aid-level", "deployment", null, third.deploymentKey(), destroyedLarge).output())
        .isEqualTo(Map.of("level", "A", "amount", 6000L));
    assertThat(evaluate("t-aid-level", "versionTag", "2024-a", 0, destroyedLarge).output())
        .isEqualTo(Map.of("level", "A", "amount", 5000L));
    assertThat(evaluate("t-aid-level", "versionTag", "2024-b", 0, destroyedLarge).output())
        .isEqualTo(Map.of("level", "A", "amount", 6000L));

    // plain Java values: lists, strings, numbers
    assertThat(evaluate("t-supplies", "latest", null, 0, Map.of("householdSize", 3)).output())
        .isEqualTo(List.of("water", "blankets"));
    assertThat(evaluate("t-first-contact", "latest", null, 0, Map.of("region", "north")).output())
        .isEqualTo("North relief station");
    assertThat(evaluate("t-payout", "latest", null, 0, Map.of("damage", "damaged", "householdSize", 1)).output())
        .isEqualTo(2001L);
  }

  @Test
  void writesOneEvaluationEventWithTheOriginPerCall() throws IOException {
    deploy(resource("aid.dmn", dmn("t")));
    writer.takeBatch();

    Outcome outcome = evaluate("t-payout", "latest", null, 0, Map.of("damage", "destroyed", "householdSize", 1));

    assertThat(outcome.isFailure()).isFalse();
    List<Record> records = writer.takeBatch();
    assertThat(records).singleElement().satisfies(record -> {
      assertThat(record.valueType()).isEqualTo(ValueType.DECISION_EVALUATION);
      assertThat(record.intent()).isEqualTo("EVALUATED");
      assertThat(record.key()).isEqualTo(outcome.decisionEvaluationKey());
      DecisionEvaluationRecord value = (DecisionEvaluationRecord) record.value();
      assertThat(value.decisionOutput()).isEqualTo("6000");
      assertThat(value.bpmnProcessId()).isEqualTo("claim");
      assertThat(value.processDefinitionKey()).isEqualTo(11);
      assertThat(value.processInstanceKey()).isEqualTo(22);
      assertThat(value.elementId()).isEqualTo("decide");
      assertThat(value.elementInstanceKey()).isEqualTo(33);
      assertThat(value.tenantId()).isEqualTo(TENANT);
      assertThat(value.evaluatedDecisions()).extracting(DecisionEvaluationRecord.EvaluatedDecision::decisionId)
          .containsExactly("t-aid-level", "t-payout");
    });
  }

  @Test
  void reportsMissingAndFailingDecisionsAsFailedOutcomes() throws IOException {
    deploy(resource("aid.dmn", dmn("t")));
    writer.takeBatch();

    Outcome missing = evaluate("t-nowhere", "latest", null, 0, Map.of());
    assertThat(missing.isFailure()).isTrue();
    assertThat(missing.failureMessage())
        .isEqualTo("Expected to evaluate decision 't-nowhere', but no decision found for id 't-nowhere'");
    assertThat(evaluate("t-aid-level", "versionTag", "1999", 0, Map.of()).failureMessage())
        .startsWith("Expected to evaluate decision 't-aid-level' with version tag '1999', but no such decision found");
    assertThat(evaluate("t-aid-level", "deployment", null, 4711, Map.of()).failureMessage())
        .startsWith("Expected to evaluate decision 't-aid-level' with binding type 'deployment', but");
    Outcome failing = evaluate("t-strict", "latest", null, 0, Map.of("score", 12));
    assertThat(failing.failureMessage()).startsWith("Expected to evaluate decision 't-strict', but ");
    assertThat(failing.output()).isNull();

    List<Record> records = writer.takeBatch();
    assertThat(records).hasSize(4).allSatisfy(record -> {
      assertThat(record.valueType()).isEqualTo(ValueType.DECISION_EVALUATION);
      assertThat(record.intent()).isEqualTo("FAILED");
    });
    DecisionEvaluationRecord first = (DecisionEvaluationRecord) records.get(0).value();
    assertThat(first.decisionKey()).isEqualTo(-1);
    assertThat(first.failedDecisionId()).isEqualTo("t-nowhere");
    assertThat(first.elementInstanceKey()).isEqualTo(33);
    assertThat(((DecisionEvaluationRecord) records.get(3).value()).failedDecisionId()).isEqualTo("t-strict");
  }

  private Outcome evaluate(String decisionId, String bindingType, String versionTag, long deploymentKey,
      Map<String, Object> variables) {
    return behavior.evaluate(context(),
        new DecisionReference(decisionId, bindingType, versionTag, deploymentKey, TENANT), variables, ORIGIN);
  }

  private DeploymentInfo deploy(DeployResource... resources) {
    return deployments.deploy(context(), List.of(resources), TENANT);
  }

  private CommandContext context() {
    return new CommandContext(state, writer, new ArrayList<>());
  }

  private static DeployResource resource(String name, String content) {
    return new DeployResource(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private static String process(String id, String endName) {
    return Bpmn.convertToString(Bpmn.createExecutableProcess(id).startEvent().endEvent("end").name(endName).done());
  }

  private static String dmn(String prefix) throws IOException {
    try (InputStream in = DecisionBehaviorTest.class.getClassLoader().getResourceAsStream("dmn/relief-aid.dmn")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("ID_PREFIX", prefix);
    }
  }
}
