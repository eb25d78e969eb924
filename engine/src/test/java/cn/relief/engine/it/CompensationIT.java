package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Compensation: completed activities with a compensation boundary event are undone by their
 * handlers when a compensation throw or end event is reached, in reverse order of completion;
 * activities that never completed are not compensated.
 */
class CompensationIT extends ClientTestSupport {

  @Test
  void handlersUndoCompletedActivitiesInReverseOrder() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("compensation", Transport.GRPC);
    String book = uniqueId("book", Transport.GRPC);
    String undo = uniqueId("undo", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("bookShelter", t -> t.zeebeJobType(book))
        .boundaryEvent("shelterBooked").compensation(c -> c.serviceTask("cancelShelter").zeebeJobType(undo))
        .moveToActivity("bookShelter")
        .serviceTask("bookTransport").zeebeJobType(book)
        .boundaryEvent("transportBooked").compensation(c -> c.serviceTask("cancelTransport").zeebeJobType(undo))
        .moveToActivity("bookTransport")
        .intermediateThrowEvent("familyCameInstead").compensateEventDefinition().compensateEventDefinitionDone()
        .endEvent("closed")
        .done());
    long instance = startInstance(client, id, Map.of());
    client.newCompleteCommand(activateOne(client, book)).send().join();
    client.newCompleteCommand(activateOne(client, book)).send().join();

    // the transport was booked last, so it is cancelled first; one handler at a time
    ActivatedJob first = onlyJob(client, undo);
    assertThat(first.getElementId()).isEqualTo("cancelTransport");
    client.newCompleteCommand(first).send().join();
    ActivatedJob second = onlyJob(client, undo);
    assertThat(second.getElementId()).isEqualTo("cancelShelter");
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");
    client.newCompleteCommand(second).send().join();
    awaitInstanceState(instance, "COMPLETED");
    assertThat(completedElements(instance))
        .containsSubsequence("bookShelter", "bookTransport", "cancelTransport", "cancelShelter", "familyCameInstead",
            "closed");
  }

  @Test
  void onlyCompletedActivitiesAreCompensatedAndNothingToUndoGoesStraightOn() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("compensation-partial", Transport.GRPC);
    String book = uniqueId("book-partial", Transport.GRPC);
    String undo = uniqueId("undo-partial", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .exclusiveGateway("booked").defaultFlow().endEvent("undoNothing").compensateEventDefinition()
        .compensateEventDefinitionDone()
        .moveToNode("booked").conditionExpression("= book")
        .serviceTask("bookBed").zeebeJobType(book)
        .boundaryEvent("bedBooked").compensation(c -> c.serviceTask("cancelBed").zeebeJobType(undo))
        .moveToActivity("bookBed")
        .endEvent("undoAll").compensateEventDefinition().compensateEventDefinitionDone()
        .done());
    long skipped = startInstance(client, id, Map.of("book", false));
    awaitInstanceState(skipped, "COMPLETED");
    long booked = startInstance(client, id, Map.of("book", true));
    client.newCompleteCommand(activateOne(client, book)).send().join();
    ActivatedJob cancel = onlyJob(client, undo);
    assertThat(cancel.getElementId()).isEqualTo("cancelBed");
    assertThat(cancel.getProcessInstanceKey()).isEqualTo(booked);
    client.newCompleteCommand(cancel).send().join();
    awaitInstanceState(booked, "COMPLETED");
  }

  private static ActivatedJob onlyJob(CamundaClient client, String type) {
    List<ActivatedJob> jobs = activate(client, type, 5, Duration.ofMinutes(1), Duration.ofSeconds(3));
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }
}
