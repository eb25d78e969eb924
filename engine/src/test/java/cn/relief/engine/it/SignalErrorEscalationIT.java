package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Signals (start, catch, boundary, throw, end, broadcast), errors (end events, boundary events,
 * event sub-processes, thrown by workers; uncaught ones are incidents) and escalations (caught
 * interrupting or not; uncaught ones let the token go on), and event sub-processes started by
 * messages and timers.
 */
class SignalErrorEscalationIT extends ClientTestSupport {

  @OverBothTransports
  void aBroadcastSignalStartsInstancesAndReachesEveryWaitingInstance(Transport transport) {
    CamundaClient client = client(transport);
    String signal = uniqueId("cold-wave", transport);
    String starter = uniqueId("signal-start", transport);
    String waiter = uniqueId("signal-catch", transport);
    deploy(client, Bpmn.createExecutableProcess(starter).startEvent("coldWave").signal(signal)
        .endEvent().done());
    deploy(client, Bpmn.createExecutableProcess(waiter).startEvent()
        .intermediateCatchEvent("waitForAlert").signal(signal).endEvent().done());
    long first = startInstance(client, waiter, Map.of());
    long second = startInstance(client, waiter, Map.of());
    awaitActivated(second, "waitForAlert");
    var response = client.newBroadcastSignalCommand().signalName(signal)
        .variables(Map.of("temperature", -15)).send().join();
    assertThat(response.getKey()).isPositive();
    awaitInstanceState(first, "COMPLETED");
    awaitInstanceState(second, "COMPLETED");
    assertThat(rootVariables(first)).containsEntry("temperature", "-15");
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> instancesOf(starter).size() == 1);
  }

  @Test
  void signalThrowAndEndEventsReachBoundaryEventsOfOtherInstances() {
    CamundaClient client = client(Transport.GRPC);
    String signal = uniqueId("all-clear", Transport.GRPC);
    String patrol = uniqueId("patrol", Transport.GRPC);
    String centre = uniqueId("centre", Transport.GRPC);
    String type = uniqueId("patrol-round", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(patrol).startEvent()
        .serviceTask("round", t -> t.zeebeJobType(type))
        .boundaryEvent("allClear").signal(signal).endEvent("stopped")
        .moveToActivity("round").endEvent("roundDone").done());
    deploy(client, Bpmn.createExecutableProcess(centre).startEvent()
        .intermediateThrowEvent("announce").signal(signal).endEvent("announced").done());
    long patrolInstance = startInstance(client, patrol, Map.of());
    awaitActivated(patrolInstance, "round");
    long centreInstance = startInstance(client, centre, Map.of());
    awaitInstanceState(centreInstance, "COMPLETED");
    awaitInstanceState(patrolInstance, "COMPLETED");
    assertThat(terminatedElements(patrolInstance)).containsExactly("round");
    assertThat(completedElements(patrolInstance)).contains("allClear", "stopped");
  }

  @Test
  void anErrorEndEventIsCaughtByTheBoundaryEventWithItsCodeBeforeACatchAll() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("error-end", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .subProcess("verify").embeddedSubProcess().startEvent("verifyStart")
        .endEvent("noIdentity", e -> e.error("NO_IDENTITY"))
        .subProcessDone()
        .boundaryEvent("anyError").error().endEvent("generic")
        .moveToActivity("verify").boundaryEvent("identityMissing").error("NO_IDENTITY").endEvent("inquiry")
        .moveToActivity("verify").endEvent("verified")
        .done());
    long instance = startInstance(client, id, Map.of());
    awaitInstanceState(instance, "COMPLETED");
    assertThat(completedElements(instance)).contains("identityMissing", "inquiry").doesNotContain("generic", "verified");
    assertThat(terminatedElements(instance)).contains("noIdentity", "verify");
  }

  @OverBothTransports
  void anErrorThrownByAWorkerIsCaughtWithItsVariables(Transport transport) {
    CamundaClient client = client(transport);
    String id = uniqueId("error-worker", transport);
    String type = uniqueId("check-id", transport);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("checkId", t -> t.zeebeJobType(type))
        .boundaryEvent("fake").error("FAKE_ID").endEvent("reportToPolice")
        .moveToActivity("checkId").endEvent("ok")
        .done());
    long instance = startInstance(client, id, Map.of());
    ActivatedJob job = activateOne(client, type);
    client.newThrowErrorCommand(job).errorCode("FAKE_ID").errorMessage("forged card")
        .variables(Map.of("suspicion", "forged")).send().join();
    awaitInstanceState(instance, "COMPLETED");
    assertThat(completedElements(instance)).contains("fake", "reportToPolice");
    assertThat(rootVariables(instance)).containsEntry("suspicion", "\"forged\"");
  }

  @Test
  void anErrorEventSubProcessCatchesAnErrorFromAnywhereInItsScope() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("error-esp", Transport.GRPC);
    String type = uniqueId("transfer", Transport.GRPC);
    String other = uniqueId("other-branch", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id)
        .eventSubProcess("onFailure", s -> s.startEvent("failed").error("TRANSFER_FAILED")
            .manualTask("recordFailure").endEvent("failureRecorded"))
        .startEvent().parallelGateway("fork")
        .serviceTask("transfer", t -> t.zeebeJobType(type)).endEvent()
        .moveToNode("fork").serviceTask("otherWork", t -> t.zeebeJobType(other)).endEvent()
        .done());
    long instance = startInstance(client, id, Map.of());
    client.newThrowErrorCommand(activateOne(client, type)).errorCode("TRANSFER_FAILED").send().join();
    awaitInstanceState(instance, "COMPLETED");
    assertThat(terminatedElements(instance)).containsExactlyInAnyOrder("transfer", "otherWork");
    assertThat(completedElements(instance)).contains("failed", "recordFailure", "onFailure");
  }

  @Test
  void anErrorThrownInsideAnErrorEventSubProcessIsNotCaughtByItAgain() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("error-esp-loop", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id)
        .eventSubProcess("onFailure", s -> s.startEvent("failed").error("FAILED")
            .endEvent("failAgain", e -> e.error("FAILED")))
        .startEvent().endEvent("fail", e -> e.error("FAILED"))
        .done());
    long instance = startInstance(client, id, Map.of());
    Incident incident = awaitOpenIncident(instance);
    assertThat(incident.elementId()).isEqualTo("failAgain");
    assertThat(incident.errorType()).isEqualTo("UNHANDLED_ERROR_EVENT");
  }

  @Test
  void uncaughtErrorsAreIncidents() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("error-uncaught", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .endEvent("fail", e -> e.error("NOBODY_CATCHES")).done());
    long instance = startInstance(client, id, Map.of());
    Incident incident = awaitOpenIncident(instance);
    assertThat(incident.errorType()).isEqualTo("UNHANDLED_ERROR_EVENT");
    assertThat(incident.elementId()).isEqualTo("fail");
    assertThat(incident.errorMessage()).contains("NOBODY_CATCHES");
  }

  @Test
  void escalationsAreCaughtBesideOrInterruptingAndUncaughtOnesGoOn() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("escalation", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .subProcess("stationHandling").embeddedSubProcess().startEvent("handlingStart")
        .intermediateThrowEvent("askCentre").escalation("NEEDS_CENTRE")
        .intermediateThrowEvent("shout").escalation("NOBODY_LISTENS")
        .endEvent("handled")
        .subProcessDone()
        .boundaryEvent("centreInformed").cancelActivity(false).escalation("NEEDS_CENTRE")
        .manualTask("centreTakesNote").endEvent("noted")
        .moveToActivity("stationHandling").endEvent("done")
        .done());
    long instance = startInstance(client, id, Map.of());
    awaitInstanceState(instance, "COMPLETED");
    assertThat(completedElements(instance))
        .contains("askCentre", "shout", "handled", "stationHandling", "centreInformed", "centreTakesNote", "done");
    assertThat(openIncidents(instance)).isEmpty();

    String interrupting = uniqueId("escalation-esp", Transport.GRPC);
    String type = uniqueId("local-work", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(interrupting)
        .eventSubProcess("takeOver", s -> s.startEvent("escalated").escalation("TAKE_OVER").interrupting(true)
            .endEvent("takenOver"))
        .startEvent().parallelGateway("fork")
        .serviceTask("localWork", t -> t.zeebeJobType(type)).endEvent()
        .moveToNode("fork").endEvent("escalate", e -> e.escalation("TAKE_OVER"))
        .done());
    long second = startInstance(client, interrupting, Map.of());
    awaitInstanceState(second, "COMPLETED");
    assertThat(terminatedElements(second)).contains("localWork");
    assertThat(completedElements(second)).contains("escalated", "takenOver");
  }

  @Test
  void messageAndTimerEventSubProcessesRunBesideOrInterrupt() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("esp", Transport.GRPC);
    String type = uniqueId("stay", Transport.GRPC);
    String note = uniqueId("note", Transport.GRPC);
    String stop = uniqueId("stop", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id)
        .eventSubProcess("addNote", s -> s.startEvent("noteArrived").interrupting(false)
            .message(m -> m.name(note).zeebeCorrelationKeyExpression("caseNo"))
            .manualTask("fileNote").endEvent())
        .eventSubProcess("closeCase", s -> s.startEvent("closeRequested").interrupting(true)
            .message(m -> m.name(stop).zeebeCorrelationKeyExpression("caseNo"))
            .endEvent("closedEarly"))
        .startEvent().serviceTask("stay", t -> t.zeebeJobType(type)).endEvent("regularEnd")
        .done());
    long instance = startInstance(client, id, Map.of("caseNo", "K-1"));
    awaitActivated(instance, "stay");
    client.newPublishMessageCommand().messageName(note).correlationKey("K-1").send().join();
    client.newPublishMessageCommand().messageName(note).correlationKey("K-1").send().join();
    Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> completedElements(instance).stream().filter("fileNote"::equals).count() == 2);
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");
    client.newPublishMessageCommand().messageName(stop).correlationKey("K-1").send().join();
    awaitInstanceState(instance, "COMPLETED");
    assertThat(terminatedElements(instance)).containsExactly("stay");
    assertThat(completedElements(instance)).contains("closedEarly", "closeCase").doesNotContain("regularEnd");
  }

  private void awaitActivated(long instance, String elementId) {
    Awaitility.await(elementId + " activated").atMost(Duration.ofSeconds(5))
        .until(() -> elementEvents(instance).contains(elementId + ":ELEMENT_ACTIVATED"));
  }
}
