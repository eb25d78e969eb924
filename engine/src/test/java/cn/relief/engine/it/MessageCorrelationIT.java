package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.CorrelateMessageResponse;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Messages as Zeebe correlates them: by name and correlation key to catch events, receive tasks
 * and boundary events; buffered for their time to live; once per process; message start events
 * with one active instance per correlation key; and correlation without buffering that names the
 * instance it reached.
 */
class MessageCorrelationIT extends ClientTestSupport {

  @OverBothTransports
  void aCatchEventWaitsForItsMessageAndTakesItsVariables(Transport transport) {
    CamundaClient client = client(transport);
    String id = uniqueId("msg-catch", transport);
    String name = uniqueId("police-reply", transport);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .intermediateCatchEvent("policeReply").message(m -> m.name(name).zeebeCorrelationKeyExpression("caseNo"))
        .endEvent().done());
    long waiting = startInstance(client, id, Map.of("caseNo", "C-1"));
    long other = startInstance(client, id, Map.of("caseNo", "C-2"));
    awaitElementActivated(waiting, "policeReply");
    client.newPublishMessageCommand().messageName(name).correlationKey("C-1")
        .variables(Map.of("identified", true)).send().join();
    awaitInstanceState(waiting, "COMPLETED");
    assertThat(rootVariables(waiting)).containsEntry("identified", "true");
    assertThat(instanceState(other)).isEqualTo("ACTIVE");
  }

  @Test
  void aBufferedMessageIsCorrelatedWhenTheSubscriptionOpensLater() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("msg-buffer", Transport.GRPC);
    String name = uniqueId("dna-result", Transport.GRPC);
    String type = uniqueId("request-dna", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("requestDna", t -> t.zeebeJobType(type))
        .receiveTask("dnaResult").message(m -> m.name(name).zeebeCorrelationKeyExpression("sampleNo"))
        .endEvent().done());
    long instance = startInstance(client, id, Map.of("sampleNo", 4711));
    // the police answer before the case waits for it: buffered for its time to live
    client.newPublishMessageCommand().messageName(name).correlationKey("4711")
        .timeToLive(Duration.ofMinutes(5)).variables(Map.of("match", "family-42")).send().join();
    client.newCompleteCommand(activateOne(client, type)).send().join();
    awaitInstanceState(instance, "COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("match", "\"family-42\"");
  }

  @Test
  void aMessageReachesOnlyOneInstanceOfAProcess() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("msg-once", Transport.GRPC);
    String name = uniqueId("broadcast-like", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .intermediateCatchEvent("wait").message(m -> m.name(name).zeebeCorrelationKeyExpression("region"))
        .endEvent().done());
    long first = startInstance(client, id, Map.of("region", "north"));
    long second = startInstance(client, id, Map.of("region", "north"));
    awaitElementActivated(second, "wait");
    client.newPublishMessageCommand().messageName(name).correlationKey("north")
        .timeToLive(Duration.ofMinutes(1)).send().join();
    awaitInstanceState(first, "COMPLETED");
    Awaitility.await().during(Duration.ofMillis(300)).until(() -> instanceState(second), "ACTIVE"::equals);
    // a second message reaches the second instance
    client.newPublishMessageCommand().messageName(name).correlationKey("north").send().join();
    awaitInstanceState(second, "COMPLETED");
  }

  @Test
  void messageBoundaryEventsInterruptOrRunBeside() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("msg-boundary", Transport.GRPC);
    String type = uniqueId("care", Transport.GRPC);
    String found = uniqueId("family-found", Transport.GRPC);
    String visit = uniqueId("visit", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("care", t -> t.zeebeJobType(type))
        .boundaryEvent("visitAnnounced").cancelActivity(false)
        .message(m -> m.name(visit).zeebeCorrelationKeyExpression("personId"))
        .manualTask("prepareVisit").endEvent("visitPrepared")
        .moveToActivity("care")
        .boundaryEvent("familyFound").message(m -> m.name(found).zeebeCorrelationKeyExpression("personId"))
        .endEvent("returnHome")
        .moveToActivity("care").endEvent("careEnded")
        .done());
    long instance = startInstance(client, id, Map.of("personId", "P-7"));
    awaitElementActivated(instance, "care");
    client.newPublishMessageCommand().messageName(visit).correlationKey("P-7").send().join();
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> completedElements(instance).contains("visitPrepared"));
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");
    client.newPublishMessageCommand().messageName(found).correlationKey("P-7").send().join();
    awaitInstanceState(instance, "COMPLETED");
    assertThat(terminatedElements(instance)).containsExactly("care");
    assertThat(completedElements(instance)).contains("familyFound", "returnHome").doesNotContain("careEnded");
    assertNoActivatableJob(client, type, Duration.ofMillis(200));
  }

  @Test
  void aMissingCorrelationKeyIsAnIncidentOnTheCatchEvent() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("msg-no-key", Transport.GRPC);
    String name = uniqueId("reply", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .intermediateCatchEvent("wait").message(m -> m.name(name).zeebeCorrelationKeyExpression("caseNo"))
        .endEvent().done());
    long instance = startInstance(client, id, Map.of());
    Incident incident = awaitOpenIncident(instance);
    assertThat(incident.elementId()).isEqualTo("wait");
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    client.newSetVariablesCommand(instance).variables(Map.of("caseNo", "C-9")).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    awaitElementActivated(instance, "wait");
    client.newPublishMessageCommand().messageName(name).correlationKey("C-9").send().join();
    awaitInstanceState(instance, "COMPLETED");
  }

  @Test
  void aMessageStartEventStartsOneActiveInstancePerCorrelationKey() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("msg-start", Transport.GRPC);
    String name = uniqueId("public-report", Transport.GRPC);
    String type = uniqueId("handle-report", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent("reported").message(name)
        .serviceTask("handle", t -> t.zeebeJobType(type)).endEvent().done());
    client.newPublishMessageCommand().messageName(name).correlationKey("street-3")
        .variables(Map.of("place", "street-3")).send().join();
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> instancesOf(id).size() == 1);
    long first = instancesOf(id).get(0);
    assertThat(rootVariables(first)).containsEntry("place", "\"street-3\"");
    // the same person reported again while the first case is open: buffered, no second case
    client.newPublishMessageCommand().messageName(name).correlationKey("street-3")
        .timeToLive(Duration.ofMinutes(5)).send().join();
    client.newPublishMessageCommand().messageName(name).correlationKey("street-9").send().join();
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> instancesOf(id).size() == 2);
    Awaitility.await().during(Duration.ofMillis(300)).until(() -> instancesOf(id).size() == 2);
    // once the first case ends, the buffered report starts the next one
    var job = activate(client, type, 10, Duration.ofMinutes(1), Duration.ofSeconds(2)).stream()
        .filter(j -> j.getProcessInstanceKey() == first).findFirst().orElseThrow();
    client.newCompleteCommand(job).send().join();
    awaitInstanceState(first, "COMPLETED");
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> instancesOf(id).size() == 3);
  }

  @Test
  void anInstanceStartedByAMessageKeepsItsStartAcrossAnIncident() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("msg-start-incident", Transport.GRPC);
    String start = uniqueId("report", Transport.GRPC);
    String cancel = uniqueId("withdrawn", Transport.GRPC);
    // the event sub-process's correlation key needs a variable the starting message lacks
    deploy(client, Bpmn.createExecutableProcess(id)
        .eventSubProcess("onWithdrawal", s -> s.startEvent("withdrawn")
            .message(m -> m.name(cancel).zeebeCorrelationKeyExpression("reportNo")).endEvent())
        .startEvent("reported").message(start).manualTask("register").endEvent("registered")
        .done());
    client.newPublishMessageCommand().messageName(start).correlationKey("").variables(Map.of("place", "bridge"))
        .send().join();
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> instancesOf(id).size() == 1);
    long instance = instancesOf(id).get(0);
    Incident incident = awaitOpenIncident(instance);
    assertThat(incident.elementId()).isEqualTo(id);
    client.newSetVariablesCommand(instance).variables(Map.of("reportNo", "R-1")).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    awaitInstanceState(instance, "COMPLETED");
    assertThat(completedElements(instance)).containsSubsequence("reported", "register", "registered");
    assertThat(rootVariables(instance)).containsEntry("place", "\"bridge\"");
  }

  @OverBothTransports
  void correlatingAMessageNamesTheInstanceItReachedOrFindsNothing(Transport transport) {
    CamundaClient client = client(transport);
    String id = uniqueId("msg-correlate", transport);
    String name = uniqueId("escort-arrived", transport);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .intermediateCatchEvent("arrival").message(m -> m.name(name).zeebeCorrelationKeyExpression("escortNo"))
        .endEvent().done());
    long instance = startInstance(client, id, Map.of("escortNo", "E-5"));
    awaitElementActivated(instance, "arrival");
    CorrelateMessageResponse response = client.newCorrelateMessageCommand().messageName(name)
        .correlationKey("E-5").variables(Map.of("arrivedAt", "station")).send().join();
    assertThat(response.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(response.getMessageKey()).isPositive();
    awaitInstanceState(instance, "COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("arrivedAt", "\"station\"");

    // correlation never buffers: with nothing waiting the caller is told so
    assertRejected(Transport.REST, () -> client.newCorrelateMessageCommand().messageName(name)
            .correlationKey("E-5").send().join(),
        Status.Code.NOT_FOUND, 404, "subscription", name, "E-5");
  }

  private void awaitElementActivated(long instance, String elementId) {
    Awaitility.await(elementId + " activated").atMost(Duration.ofSeconds(5))
        .until(() -> elementEvents(instance).contains(elementId + ":ELEMENT_ACTIVATED"));
  }

}
