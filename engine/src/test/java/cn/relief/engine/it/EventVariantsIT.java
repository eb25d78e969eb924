package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The remaining combinations of event kinds and places: timer and signal event sub-processes, a
 * signal end event and a signal after an event-based gateway, a timer date, an interrupting
 * escalation boundary event, and job-based script and business rule tasks.
 */
class EventVariantsIT extends ClientTestSupport {
  private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(2, ChronoUnit.DAYS);

  @AfterEach
  void resetClock() {
    client(Transport.REST).newResetClockCommand().send().join();
  }

  private void pin(Instant time) {
    client(Transport.REST).newPinClockCommand().time(time.toEpochMilli()).send().join();
  }

  @Test
  void timerAndSignalEventSubProcessesInterruptOrRunBeside() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("esp-timer-signal", Transport.GRPC);
    String type = uniqueId("in-station-care", Transport.GRPC);
    String signal = uniqueId("heat-alert", Transport.GRPC);
    pin(start);
    deploy(client, Bpmn.createExecutableProcess(id)
        .eventSubProcess("heatRound", s -> s.startEvent("heat").interrupting(false).signal(signal)
            .manualTask("bringWater").endEvent())
        .eventSubProcess("tenDayLimit", s -> s.startEvent("limitReached").interrupting(true).timerWithDuration("P10D")
            .endEvent("extensionFiled"))
        .startEvent().serviceTask("care", t -> t.zeebeJobType(type)).endEvent("leftEarly")
        .done());
    long instance = startInstance(client, id, Map.of());
    Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> elementEvents(instance).contains("care:ELEMENT_ACTIVATED"));
    client.newBroadcastSignalCommand().signalName(signal).send().join();
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> completedElements(instance).contains("bringWater"));
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");
    pin(start.plus(11, ChronoUnit.DAYS));
    awaitInstanceState(instance, "COMPLETED");
    assertThat(terminatedElements(instance)).containsExactly("care");
    assertThat(completedElements(instance)).contains("limitReached", "extensionFiled").doesNotContain("leftEarly");
  }

  @Test
  void aSignalEndEventReachesAnEventBasedGatewayAndATimerDateFires() {
    CamundaClient client = client(Transport.GRPC);
    String signal = uniqueId("case-closed", Transport.GRPC);
    String waiter = uniqueId("gateway-signal", Transport.GRPC);
    String sender = uniqueId("signal-end", Transport.GRPC);
    pin(start);
    deploy(client, Bpmn.createExecutableProcess(waiter).startEvent()
        .eventBasedGateway("either")
        .intermediateCatchEvent("closed").signal(signal).endEvent("byCentre")
        .moveToNode("either").intermediateCatchEvent("deadline")
        .timerWithDate(start.plus(5, ChronoUnit.DAYS).toString()).endEvent("byDeadline")
        .done());
    deploy(client, Bpmn.createExecutableProcess(sender).startEvent().endEvent("close").signal(signal).done());
    long bySignal = startInstance(client, waiter, Map.of());
    Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> elementEvents(bySignal).contains("either:ELEMENT_ACTIVATED"));
    long senderInstance = startInstance(client, sender, Map.of());
    awaitInstanceState(senderInstance, "COMPLETED");
    awaitInstanceState(bySignal, "COMPLETED");
    assertThat(completedElements(bySignal)).contains("closed", "byCentre").doesNotContain("deadline");

    long byDate = startInstance(client, waiter, Map.of());
    Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> elementEvents(byDate).contains("either:ELEMENT_ACTIVATED"));
    pin(start.plus(6, ChronoUnit.DAYS));
    awaitInstanceState(byDate, "COMPLETED");
    assertThat(completedElements(byDate)).contains("deadline", "byDeadline");
  }

  @Test
  void anInterruptingEscalationBoundaryEventEndsTheSubProcess() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("escalation-boundary", Transport.GRPC);
    String type = uniqueId("local", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .subProcess("station").embeddedSubProcess().startEvent().parallelGateway("fork")
        .serviceTask("localWork", t -> t.zeebeJobType(type)).endEvent()
        .moveToNode("fork").intermediateThrowEvent("raise").escalation("TO_CENTRE").endEvent("afterRaise")
        .subProcessDone()
        .boundaryEvent("toCentre").escalation("TO_CENTRE").endEvent("centreHandles")
        .moveToActivity("station").endEvent("stationDone")
        .done());
    long instance = startInstance(client, id, Map.of());
    awaitInstanceState(instance, "COMPLETED");
    assertThat(terminatedElements(instance)).contains("localWork", "raise", "station");
    assertThat(completedElements(instance)).contains("toCentre", "centreHandles")
        .doesNotContain("afterRaise", "stationDone");
  }

  @Test
  void scriptAndBusinessRuleTasksCanBeJobBased() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("job-based", Transport.GRPC);
    String type = uniqueId("external-rules", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .scriptTask("externalScript", t -> t.zeebeJobType(type))
        .businessRuleTask("externalRules", t -> t.zeebeJobType(type))
        .endEvent().done());
    long instance = startInstance(client, id, Map.of());
    var first = activateOne(client, type);
    assertThat(first.getElementId()).isEqualTo("externalScript");
    client.newCompleteCommand(first).send().join();
    var second = activateOne(client, type);
    assertThat(second.getElementId()).isEqualTo("externalRules");
    client.newCompleteCommand(second).variables(Map.of("decided", true)).send().join();
    awaitInstanceState(instance, "COMPLETED");
  }
}
