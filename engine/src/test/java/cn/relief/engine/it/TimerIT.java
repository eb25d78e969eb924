package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Timers, driven by the engine's controllable clock (the client's pin and reset clock commands),
 * never by sleeping: catch events, interrupting and repeating boundary events, timer start events,
 * FEEL in timer definitions.
 */
class TimerIT extends ClientTestSupport {
  private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(1, ChronoUnit.DAYS);

  @AfterEach
  void resetClock() {
    client(Transport.REST).newResetClockCommand().send().join();
  }

  private void pin(Instant time) {
    client(Transport.REST).newPinClockCommand().time(time.toEpochMilli()).send().join();
  }

  @OverBothTransports
  void anIntermediateTimerWaitsForItsDuration(Transport transport) {
    CamundaClient client = client(transport);
    String id = uniqueId("timer-catch", transport);
    pin(start);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .intermediateCatchEvent("waitTenDays").timerWithDuration("P10D")
        .endEvent("stranded").done());
    long instance = startInstance(client, id, Map.of());
    pin(start.plus(9, ChronoUnit.DAYS));
    assertStillActiveFor(instance, Duration.ofMillis(400));
    pin(start.plus(10, ChronoUnit.DAYS).plusSeconds(1));
    awaitInstanceState(instance, "COMPLETED");
    assertThat(completedElements(instance)).contains("waitTenDays", "stranded");
  }

  @Test
  void feelNowReadsTheEnginesClock() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("feel-now", Transport.GRPC);
    pin(start);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .userTask("review", t -> t.zeebeUserTask().zeebeDueDateExpression("now() + duration(\"P5D\")")
            .zeebeOutputExpression("string(today())", "reviewedOn"))
        .endEvent().done());
    long instance = startInstance(client, id, Map.of());
    var task = eventually(() -> client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(instance))
        .send().join().items(), items -> !items.isEmpty()).get(0);
    // a due date computed in FEEL moves with the pinned clock, as the timers do
    assertThat(java.time.OffsetDateTime.parse(task.getDueDate().toString()).toInstant())
        .isEqualTo(start.plus(5, ChronoUnit.DAYS));
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).send().join();
    awaitInstanceState(instance, "COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("reviewedOn",
        "\"" + start.atZone(java.time.ZoneId.systemDefault()).toLocalDate() + "\"");
  }

  @Test
  void aTimerDurationCanBeAFeelExpressionOverTheInstancesVariables() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("timer-feel", Transport.GRPC);
    pin(start);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .intermediateCatchEvent("wait").timerWithDurationExpression("limit")
        .endEvent().done());
    long instance = startInstance(client, id, Map.of("limit", "PT24H"));
    pin(start.plus(23, ChronoUnit.HOURS));
    assertStillActiveFor(instance, Duration.ofMillis(300));
    pin(start.plus(25, ChronoUnit.HOURS));
    awaitInstanceState(instance, "COMPLETED");
  }

  @Test
  void anInterruptingBoundaryTimerCancelsTheTaskAndItsJob() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("timer-boundary", Transport.GRPC);
    String type = uniqueId("identify", Transport.GRPC);
    pin(start);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("identify", t -> t.zeebeJobType(type))
        .boundaryEvent("deadline").timerWithDuration("PT24H").endEvent("escalated")
        .moveToActivity("identify").endEvent("identified")
        .done());
    long instance = startInstance(client, id, Map.of());
    ActivatedJob job = activateOne(client, type);
    pin(start.plus(25, ChronoUnit.HOURS));
    awaitInstanceState(instance, "COMPLETED");
    assertThat(terminatedElements(instance)).containsExactly("identify");
    assertThat(completedElements(instance)).contains("deadline", "escalated").doesNotContain("identified");
    // the worker is too late: its job was cancelled with the task
    Throwable late = org.assertj.core.api.Assertions.catchThrowable(() -> client.newCompleteCommand(job).send().join());
    assertThat(late).isNotNull().hasMessageContaining("job");
  }

  @Test
  void aNonInterruptingTimerCycleRepeatsWhileTheTaskWaits() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("timer-cycle", Transport.GRPC);
    String type = uniqueId("shelter-stay", Transport.GRPC);
    pin(start);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("stay", t -> t.zeebeJobType(type))
        .boundaryEvent("monthlyNotice").cancelActivity(false).timerWithCycle("R3/P30D")
        .manualTask("refreshNotice").endEvent("noticeRefreshed")
        .moveToActivity("stay").endEvent("left")
        .done());
    long instance = startInstance(client, id, Map.of());
    pin(start.plus(365, ChronoUnit.DAYS));
    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> completedElements(instance).stream().filter("refreshNotice"::equals).count() == 3);
    assertStillActiveFor(instance, Duration.ofMillis(400));
    assertThat(completedElements(instance).stream().filter("monthlyNotice"::equals).count()).isEqualTo(3);
    client.newCompleteCommand(activateOne(client, type)).send().join();
    awaitInstanceState(instance, "COMPLETED");
  }

  @Test
  void timerStartEventsCreateInstancesOnTheirCycleAndDate() {
    CamundaClient client = client(Transport.GRPC);
    String cycleId = uniqueId("timer-start-cycle", Transport.GRPC);
    String dateId = uniqueId("timer-start-date", Transport.GRPC);
    pin(start);
    deploy(client, Bpmn.createExecutableProcess(cycleId).startEvent("weekly").timerWithCycle("R2/P7D")
        .endEvent().done());
    deploy(client, Bpmn.createExecutableProcess(dateId)
        .startEvent("newYear").timerWithDate(start.plus(3, ChronoUnit.DAYS).toString())
        .endEvent().done());
    pin(start.plus(2, ChronoUnit.DAYS));
    assertThat(instancesOf(cycleId)).isEmpty();
    pin(start.plus(30, ChronoUnit.DAYS));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> instancesOf(cycleId).size() == 2);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> instancesOf(dateId).size() == 1);
    pin(start.plus(90, ChronoUnit.DAYS));
    waitBriefly();
    assertThat(instancesOf(cycleId)).hasSize(2);
    assertThat(instancesOf(dateId)).hasSize(1);
    instancesOf(cycleId).forEach(key -> awaitInstanceState(key, "COMPLETED"));
  }

  @Test
  void aNewVersionReplacesThePreviousVersionsTimerStartEvent() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("timer-start-version", Transport.GRPC);
    pin(start);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent("v1").timerWithDuration("P1D").endEvent().done());
    deploy(client, Bpmn.createExecutableProcess(id).startEvent("v2").timerWithDuration("P5D").endEvent().done());
    pin(start.plus(2, ChronoUnit.DAYS));
    waitBriefly();
    assertThat(instancesOf(id)).isEmpty();
    pin(start.plus(6, ChronoUnit.DAYS));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> instancesOf(id).size() == 1);
    assertThat(elementEvents(instancesOf(id).get(0))).contains("v2:ELEMENT_COMPLETED");
  }

  @Test
  void theClockCanOnlyBePinnedToAPositiveTime() {
    // a REST-only command: the client sends it over REST whichever transport it prefers
    assertRejected(Transport.REST, () -> client(Transport.GRPC).newPinClockCommand().time(0).send().join(),
        io.grpc.Status.Code.INVALID_ARGUMENT, 400, "positive time");
  }

  private void assertStillActiveFor(long instance, Duration duration) {
    Awaitility.await().during(duration).atMost(duration.plusSeconds(2))
        .until(() -> instanceState(instance), "ACTIVE"::equals);
  }

  private static void waitBriefly() {
    try {
      Thread.sleep(400); // a few due-date checks (every 100 ms) pass
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
