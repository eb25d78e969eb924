package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Inclusive gateways (fork on every true condition, join waiting only for tokens that can still
 * arrive) and event-based gateways (the first event wins).
 */
class GatewaysIT extends ClientTestSupport {

  /** Linkage to services: each need the assessment found takes its branch; the join waits for those. */
  private String linkageProcess(CamundaClient client, Transport transport, String type) {
    String id = uniqueId("inclusive", transport);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .inclusiveGateway("needs").defaultFlow().manualTask("noLinkage").inclusiveGateway("join").endEvent("linked")
        .moveToNode("needs").conditionExpression("= medical")
        .serviceTask("medicalCare", t -> t.zeebeJobType(type)).connectTo("join")
        .moveToNode("needs").conditionExpression("= minor")
        .serviceTask("minorProtection", t -> t.zeebeJobType(type)).connectTo("join")
        .done());
    return id;
  }

  @OverBothTransports
  void anInclusiveGatewayForksOnEveryTrueConditionAndJoinsOnlyThose(Transport transport) {
    CamundaClient client = client(transport);
    String type = uniqueId("linkage", transport);
    String id = linkageProcess(client, transport, type);
    long both = startInstance(client, id, Map.of("medical", true, "minor", true));
    List<ActivatedJob> jobs = activate(client, type, 2, Duration.ofMinutes(1), Duration.ofSeconds(2));
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
      jobs.addAll(jobs.size() < 2 ? activate(client, type, 2, Duration.ofMinutes(1), Duration.ofMillis(500)) : List.of());
      return jobs.size() == 2;
    });
    client.newCompleteCommand(jobs.get(0)).send().join();
    Awaitility.await().during(Duration.ofMillis(300)).until(() -> instanceState(both), "ACTIVE"::equals);
    assertThat(completedElements(both)).doesNotContain("join");
    client.newCompleteCommand(jobs.get(1)).send().join();
    awaitInstanceState(both, "COMPLETED");
    assertThat(completedElements(both).stream().filter("join"::equals).count()).isEqualTo(1);
    assertThat(completedElements(both)).doesNotContain("noLinkage");

    // one branch only: the join does not wait for branches that were not taken
    long one = startInstance(client, id, Map.of("medical", true, "minor", false));
    client.newCompleteCommand(activateOne(client, type)).send().join();
    awaitInstanceState(one, "COMPLETED");
    // nothing true: the default flow
    long none = startInstance(client, id, Map.of("medical", false, "minor", false));
    awaitInstanceState(none, "COMPLETED");
    assertThat(completedElements(none)).contains("noLinkage", "join", "linked");
  }

  @Test
  void anInclusiveGatewayWithoutTrueConditionOrDefaultIsAnIncident() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("inclusive-incident", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .inclusiveGateway("fork")
        .conditionExpression("= a").endEvent("endA")
        .moveToNode("fork").conditionExpression("= b").endEvent("endB")
        .done());
    long instance = startInstance(client, id, Map.of("a", false, "b", false));
    Incident incident = awaitOpenIncident(instance);
    assertThat(incident.errorType()).isEqualTo("CONDITION_ERROR");
    client.newSetVariablesCommand(instance).variables(Map.of("b", true)).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    awaitInstanceState(instance, "COMPLETED");
    assertThat(completedElements(instance)).contains("endB").doesNotContain("endA");
  }

  @Test
  void theFirstEventAfterAnEventBasedGatewayWins() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("event-gateway", Transport.GRPC);
    String reply = uniqueId("family-reply", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .eventBasedGateway("waitForFamily")
        .intermediateCatchEvent("familyReplied").message(m -> m.name(reply).zeebeCorrelationKeyExpression("caseNo"))
        .endEvent("reunited")
        .moveToNode("waitForFamily").intermediateCatchEvent("noReply").timerWithDuration("P10D")
        .endEvent("stranded")
        .done());
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(1, ChronoUnit.DAYS);
    CamundaClient rest = client(Transport.REST);
    rest.newPinClockCommand().time(start.toEpochMilli()).send().join();
    try {
      long answered = startInstance(client, id, Map.of("caseNo", "F-1"));
      long silent = startInstance(client, id, Map.of("caseNo", "F-2"));
      Awaitility.await().atMost(Duration.ofSeconds(5))
          .until(() -> elementEvents(silent).contains("waitForFamily:ELEMENT_ACTIVATED"));
      client.newPublishMessageCommand().messageName(reply).correlationKey("F-1")
          .variables(Map.of("familyAddress", "Kunming")).send().join();
      awaitInstanceState(answered, "COMPLETED");
      assertThat(completedElements(answered)).contains("waitForFamily", "familyReplied", "reunited")
          .doesNotContain("noReply", "stranded");
      assertThat(rootVariables(answered)).containsEntry("familyAddress", "\"Kunming\"");

      rest.newPinClockCommand().time(start.plus(11, ChronoUnit.DAYS).toEpochMilli()).send().join();
      awaitInstanceState(silent, "COMPLETED");
      assertThat(completedElements(silent)).contains("noReply", "stranded").doesNotContain("familyReplied");
      // the message subscription closed with the gateway: a late reply is not correlated to it
      var late = org.assertj.core.api.Assertions.catchThrowable(() -> rest.newCorrelateMessageCommand()
          .messageName(reply).correlationKey("F-2").send().join());
      assertThat(late).isNotNull();
    } finally {
      rest.newResetClockCommand().send().join();
    }
  }
}
