package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.client.api.response.Process;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/** Creating process instances (by id, version or key; with or without awaiting the result) and cancelling them. */
class ProcessInstanceIT extends ClientTestSupport {

  @OverBothTransports
  void createsTheLatestVersionAnExplicitVersionOrADefinitionByKey(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("versions", transport);
    Process v1 = deploy(client, markingProcess(processId, "one"));
    Process v2 = deploy(client, markingProcess(processId, "two"));
    assertThat(v2.getVersion()).isEqualTo(2);

    ProcessInstanceResult latest = client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
        .withResult().send().join();
    assertThat(latest.getVersion()).isEqualTo(2);
    assertThat(latest.getProcessDefinitionKey()).isEqualTo(v2.getProcessDefinitionKey());
    assertThat(latest.getBpmnProcessId()).isEqualTo(processId);
    assertThat(latest.getVariablesAsMap()).containsEntry("ran", "two");

    ProcessInstanceResult explicit = client.newCreateInstanceCommand().bpmnProcessId(processId).version(1)
        .withResult().send().join();
    assertThat(explicit.getVersion()).isEqualTo(1);
    assertThat(explicit.getProcessDefinitionKey()).isEqualTo(v1.getProcessDefinitionKey());
    assertThat(explicit.getVariablesAsMap()).containsEntry("ran", "one");

    ProcessInstanceResult byKey = client.newCreateInstanceCommand().processDefinitionKey(v1.getProcessDefinitionKey())
        .withResult().send().join();
    assertThat(byKey.getBpmnProcessId()).isEqualTo(processId);
    assertThat(byKey.getVersion()).isEqualTo(1);
    assertThat(byKey.getVariablesAsMap()).containsEntry("ran", "one");

    ProcessInstanceEvent created = client.newCreateInstanceCommand().processDefinitionKey(v2.getProcessDefinitionKey())
        .send().join();
    assertThat(created.getProcessInstanceKey()).isPositive();
    assertThat(created.getVersion()).isEqualTo(2);
    assertThat(created.getBpmnProcessId()).isEqualTo(processId);
    assertThat(List.of(latest.getProcessInstanceKey(), explicit.getProcessInstanceKey(),
        byKey.getProcessInstanceKey(), created.getProcessInstanceKey())).doesNotHaveDuplicates();
  }

  @OverBothTransports
  void createsAnInstanceWithVariables(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("with-variables", transport);
    String jobType = uniqueId("with-variables", transport);
    deploy(client, oneTask(processId, jobType));

    Map<String, Object> variables = Map.of(
        "name", "Li Wei",
        "household", 4,
        "address", Map.of("county", "Hengshan", "village", "Dongcun"),
        "needs", List.of("food", "shelter"));
    ProcessInstanceEvent created = client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
        .variables(variables).send().join();

    ActivatedJob job = activateOne(client, jobType);
    assertThat(job.getProcessInstanceKey()).isEqualTo(created.getProcessInstanceKey());
    assertThat(job.getVariablesAsMap()).isEqualTo(variables);
  }

  @OverBothTransports
  void createWithResultReturnsTheVariablesAtTheEnd(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("result", transport);
    String jobType = uniqueId("result", transport);
    deploy(client, oneTask(processId, jobType));

    try (var worker = client.newWorker().jobType(jobType)
        .handler((jobClient, job) -> jobClient.newCompleteCommand(job)
            .variables(Map.of("approved", true, "amount", 1200)).send().join())
        .open()) {
      ProcessInstanceResult all = client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
          .variables(Map.of("applicant", "Zhang San", "household", 3)).withResult().send().join();
      assertThat(all.getVariablesAsMap()).isEqualTo(
          Map.of("applicant", "Zhang San", "household", 3, "approved", true, "amount", 1200));
      assertThat(all.getProcessInstanceKey()).isPositive();

      ProcessInstanceResult some = client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
          .variables(Map.of("applicant", "Zhang San", "household", 3)).withResult()
          .fetchVariables("approved", "household", "notThere").send().join();
      assertThat(some.getVariablesAsMap()).isEqualTo(Map.of("approved", true, "household", 3));
    }
  }

  @OverBothTransports
  void createWithResultGivesUpAfterItsRequestTimeoutWhileTheInstanceKeepsRunning(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("slow", transport);
    String jobType = uniqueId("slow-nobody-works-on", transport);
    deploy(client, oneTask(processId, jobType));

    long started = System.nanoTime();
    Throwable thrown = catchThrowable(() -> client.newCreateInstanceCommand().bpmnProcessId(processId)
        .latestVersion().withResult().requestTimeout(Duration.ofSeconds(1)).send().join());
    Duration waited = Duration.ofNanos(System.nanoTime() - started);

    assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofMillis(4_000));
    if (transport == Transport.REST) {
      assertThat(thrown).isInstanceOf(ProblemException.class);
      assertThat(((ProblemException) thrown).code()).isEqualTo(504);
    } else {
      assertThat(thrown).isInstanceOf(ClientStatusException.class);
      assertThat(((ClientStatusException) thrown).getStatusCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    }
    // the instance was created and still waits at its task
    ActivatedJob job = activateOne(client, jobType);
    assertThat(job.getBpmnProcessId()).isEqualTo(processId);
    client.newCompleteCommand(job).send().join();
  }

  @OverBothTransports
  void cancelsAnInstanceAndItsJob(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("cancel", transport);
    String jobType = uniqueId("cancel", transport);
    deploy(client, oneTask(processId, jobType));
    long instanceKey = startInstance(client, processId, Map.of());
    ActivatedJob job = activateOne(client, jobType);
    long unactivatedInstance = startInstance(client, processId, Map.of());

    client.newCancelInstanceCommand(instanceKey).send().join();
    client.newCancelInstanceCommand(unactivatedInstance).send().join();

    assertRejected(transport, () -> client.newCompleteCommand(job.getKey()).send().join(),
        Status.Code.NOT_FOUND, 404, String.valueOf(job.getKey()));
    assertRejected(transport, () -> client.newCancelInstanceCommand(instanceKey).send().join(),
        Status.Code.NOT_FOUND, 404, String.valueOf(instanceKey));
    // the job of the other cancelled instance was never activated; it is gone too
    assertNoActivatableJob(client, jobType, Duration.ofMillis(300));
  }

  @OverBothTransports
  void cancellingAnInstanceResolvesItsIncidents(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("cancel-incidents", transport);
    String jobType = uniqueId("cancel-incidents", transport);
    String otherType = uniqueId("cancel-incidents-other", transport);
    deploy(client, Bpmn.createExecutableProcess(processId)
        .startEvent()
        .parallelGateway("fork")
        .serviceTask("task", t -> t.zeebeJobType(jobType))
        .endEvent()
        .moveToNode("fork")
        .exclusiveGateway("xor")
        .conditionExpression("= never")
        .serviceTask("other", t -> t.zeebeJobType(otherType))
        .endEvent()
        .done());
    long instanceKey = startInstance(client, processId, Map.of("never", false));
    ActivatedJob job = activateOne(client, jobType);
    client.newFailCommand(job).retries(0).errorMessage("gave up").send().join();
    Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> openIncidents(instanceKey).size() == 2);

    client.newCancelInstanceCommand(instanceKey).send().join();

    assertThat(openIncidents(instanceKey)).isEmpty();
    assertRejected(transport, () -> client.newUpdateRetriesCommand(job).retries(1).send().join(),
        Status.Code.NOT_FOUND, 404, String.valueOf(job.getKey()));
  }

  @OverBothTransports
  void cancellingAnInstanceWhoseResultIsAwaitedGivesNoResult(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("cancel-awaited", transport);
    String jobType = uniqueId("cancel-awaited", transport);
    deploy(client, oneTask(processId, jobType));

    var awaited = client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
        .withResult().requestTimeout(Duration.ofSeconds(2)).send();
    ActivatedJob job = activateOne(client, jobType);
    client.newCancelInstanceCommand(job.getProcessInstanceKey()).send().join();

    // as in Zeebe, the waiting request ends without a result (at the latest when its timeout passes)
    long started = System.nanoTime();
    Throwable thrown = catchThrowable(awaited::join);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(thrown).isNotNull();
  }

  /** start -> end; the end event's output mapping records which definition ran. */
  private static BpmnModelInstance markingProcess(String processId, String mark) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent()
        .endEvent("end", e -> e.zeebeOutputExpression("\"" + mark + "\"", "ran"))
        .done();
  }
}
