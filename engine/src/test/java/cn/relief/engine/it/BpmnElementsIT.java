package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.Process;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Service tasks, exclusive gateways and parallel gateways, driven through the client. */
class BpmnElementsIT extends ClientTestSupport {

  @OverBothTransports
  void serviceTaskJobCarriesTypeRetriesAndCustomHeaders(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("service-task", transport);
    String jobType = uniqueId("assess-damage", transport);
    Process process = deploy(client, Bpmn.createExecutableProcess(processId)
        .startEvent()
        .serviceTask("assess", t -> t.zeebeJobType(jobType).zeebeJobRetries("5")
            .zeebeTaskHeader("form", "damage-v2").zeebeTaskHeader("priority", "high"))
        .endEvent()
        .done());
    long instanceKey = startInstance(client, processId, Map.of("caseId", "C-1"));

    ActivatedJob job = activateOne(client, jobType);

    assertThat(job.getType()).isEqualTo(jobType);
    assertThat(job.getRetries()).isEqualTo(5);
    assertThat(job.getCustomHeaders()).isEqualTo(Map.of("form", "damage-v2", "priority", "high"));
    assertThat(job.getElementId()).isEqualTo("assess");
    assertThat(job.getBpmnProcessId()).isEqualTo(processId);
    assertThat(job.getProcessDefinitionKey()).isEqualTo(process.getProcessDefinitionKey());
    assertThat(job.getProcessDefinitionVersion()).isEqualTo(1);
    assertThat(job.getProcessInstanceKey()).isEqualTo(instanceKey);
    assertThat(job.getElementInstanceKey()).isPositive().isNotEqualTo(instanceKey);
    assertThat(job.getVariablesAsMap()).isEqualTo(Map.of("caseId", "C-1"));
  }

  @OverBothTransports
  void evaluatesFeelInJobTypeAndRetries(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("feel-job", transport);
    String kind = uniqueId("flood", transport);
    deploy(client, Bpmn.createExecutableProcess(processId)
        .startEvent()
        .serviceTask("work", t -> t.zeebeJobTypeExpression("\"work-\" + kind").zeebeJobRetriesExpression("attempts + 1"))
        .endEvent()
        .done());
    startInstance(client, processId, Map.of("kind", kind, "attempts", 1));

    ActivatedJob job = activateOne(client, "work-" + kind);

    assertThat(job.getType()).isEqualTo("work-" + kind);
    assertThat(job.getRetries()).isEqualTo(2);
  }

  @OverBothTransports
  void jobTypeExpressionThatFailsRaisesAnIncidentThatCanBeResolved(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("feel-job-incident", transport);
    String kind = uniqueId("quake", transport);
    deploy(client, Bpmn.createExecutableProcess(processId)
        .startEvent()
        .serviceTask("work", t -> t.zeebeJobTypeExpression("\"work-\" + kind"))
        .endEvent()
        .done());
    long instanceKey = startInstance(client, processId, Map.of("kind", 42));

    Incident incident = awaitOpenIncident(instanceKey);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("work");
    assertNoActivatableJob(client, "work-" + kind, Duration.ofMillis(200));

    client.newSetVariablesCommand(instanceKey).variables(Map.of("kind", kind)).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();

    ActivatedJob job = activateOne(client, "work-" + kind);
    assertThat(job.getProcessInstanceKey()).isEqualTo(instanceKey);
    assertThat(openIncidents(instanceKey)).isEmpty();
  }

  @OverBothTransports
  void exclusiveGatewayTakesTheFirstFlowWhoseConditionIsTrueElseTheDefault(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("triage", transport);
    deploy(client, Bpmn.createExecutableProcess(processId)
        .startEvent()
        .exclusiveGateway("triage")
        .conditionExpression("= damage > 100")
        .endEvent("severe", e -> e.zeebeOutputExpression("\"severe\"", "branch"))
        .moveToLastExclusiveGateway()
        .conditionExpression("= damage > 10")
        .endEvent("moderate", e -> e.zeebeOutputExpression("\"moderate\"", "branch"))
        .moveToLastExclusiveGateway()
        .defaultFlow()
        .endEvent("minor", e -> e.zeebeOutputExpression("\"minor\"", "branch"))
        .done());

    // 500 satisfies both conditions: the first one in the model wins
    assertThat(run(client, processId, Map.of("damage", 500))).containsEntry("branch", "severe");
    assertThat(run(client, processId, Map.of("damage", 50))).containsEntry("branch", "moderate");
    assertThat(run(client, processId, Map.of("damage", 5))).containsEntry("branch", "minor");
  }

  @OverBothTransports
  void exclusiveGatewayWithoutATrueConditionOrDefaultRaisesAnIncident(Transport transport) throws Exception {
    CamundaClient client = client(transport);
    String processId = uniqueId("no-branch", transport);
    String severeType = uniqueId("severe", transport);
    String moderateType = uniqueId("moderate", transport);
    deploy(client, Bpmn.createExecutableProcess(processId)
        .startEvent()
        .exclusiveGateway("triage")
        .conditionExpression("= damage > 100")
        .serviceTask("severe", t -> t.zeebeJobType(severeType))
        .endEvent()
        .moveToLastExclusiveGateway()
        .conditionExpression("= damage > 10")
        .serviceTask("moderate", t -> t.zeebeJobType(moderateType))
        .endEvent()
        .done());
    long instanceKey = startInstance(client, processId, Map.of("damage", 1));

    Incident incident = awaitOpenIncident(instanceKey);
    assertThat(incident.errorType()).isEqualTo("CONDITION_ERROR");
    assertThat(incident.elementId()).isEqualTo("triage");
    assertThat(incident.jobKey()).isLessThanOrEqualTo(0);

    // resolving without fixing the data only raises the incident again
    client.newResolveIncidentCommand(incident.key()).send().join();
    Incident again = awaitOpenIncident(instanceKey);
    assertThat(again.key()).isNotEqualTo(incident.key());
    assertThat(again.errorType()).isEqualTo("CONDITION_ERROR");

    client.newSetVariablesCommand(instanceKey).variables(Map.of("damage", 50)).send().join();
    client.newResolveIncidentCommand(again.key()).send().join();

    ActivatedJob job = activateOne(client, moderateType);
    assertThat(job.getProcessInstanceKey()).isEqualTo(instanceKey);
    assertThat(job.getVariablesAsMap()).containsEntry("damage", 50);
    assertNoActivatableJob(client, severeType, Duration.ofMillis(100));
    assertThat(openIncidents(instanceKey)).isEmpty();
  }

  @OverBothTransports
  void parallelGatewayForksAndJoins(Transport transport) throws Exception {
    CamundaClient client = client(transport);
    String processId = uniqueId("fork-join", transport);
    String shelterType = uniqueId("shelter", transport);
    String foodType = uniqueId("food", transport);
    deploy(client, Bpmn.createExecutableProcess(processId)
        .startEvent()
        .parallelGateway("fork")
        .serviceTask("shelter", t -> t.zeebeJobType(shelterType))
        .parallelGateway("join")
        .endEvent("end")
        .moveToNode("fork")
        .serviceTask("food", t -> t.zeebeJobType(foodType))
        .connectTo("join")
        .done());

    CamundaFuture<ProcessInstanceResult> result = client.newCreateInstanceCommand().bpmnProcessId(processId)
        .latestVersion().withResult().requestTimeout(Duration.ofSeconds(20)).send();

    // both branches wait at the same time
    ActivatedJob shelter = activateOne(client, shelterType);
    ActivatedJob food = activateOne(client, foodType);
    assertThat(shelter.getProcessInstanceKey()).isEqualTo(food.getProcessInstanceKey());
    assertThat(shelter.getElementInstanceKey()).isNotEqualTo(food.getElementInstanceKey());

    client.newCompleteCommand(shelter).variables(Map.of("beds", 3)).send().join();
    Thread.sleep(300);
    assertThat(result.isDone()).as("instance done after one branch completed").isFalse();

    client.newCompleteCommand(food).variables(Map.of("rations", 12)).send().join();
    ProcessInstanceResult done = result.join();
    assertThat(done.getProcessInstanceKey()).isEqualTo(shelter.getProcessInstanceKey());
    assertThat(done.getVariablesAsMap()).isEqualTo(Map.of("beds", 3, "rations", 12));
    // the join ran once: nothing is left to do
    assertNoActivatableJob(client, shelterType, Duration.ofMillis(100));
    assertNoActivatableJob(client, foodType, Duration.ofMillis(100));
  }

  @OverBothTransports
  void parallelGatewayJoinWaitsForEveryBranchOfEachInstanceSeparately(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("fork-join-many", transport);
    String aType = uniqueId("a", transport);
    String bType = uniqueId("b", transport);
    deploy(client, Bpmn.createExecutableProcess(processId)
        .startEvent()
        .parallelGateway("fork")
        .serviceTask("a", t -> t.zeebeJobType(aType))
        .parallelGateway("join")
        .endEvent("end")
        .moveToNode("fork")
        .serviceTask("b", t -> t.zeebeJobType(bType))
        .connectTo("join")
        .done());

    CamundaFuture<ProcessInstanceResult> first = client.newCreateInstanceCommand().bpmnProcessId(processId)
        .latestVersion().variables(Map.of("n", 1)).withResult().requestTimeout(Duration.ofSeconds(20)).send();
    CamundaFuture<ProcessInstanceResult> second = client.newCreateInstanceCommand().bpmnProcessId(processId)
        .latestVersion().variables(Map.of("n", 2)).withResult().requestTimeout(Duration.ofSeconds(20)).send();
    List<ActivatedJob> aJobs = awaitJobs(client, aType, 2);
    List<ActivatedJob> bJobs = awaitJobs(client, bType, 2);

    // branch a of both instances and branch b of the second: only the second instance may end
    aJobs.forEach(job -> client.newCompleteCommand(job).send().join());
    ActivatedJob secondB = bJobs.stream().filter(j -> j.getVariablesAsMap().get("n").equals(2)).findFirst().orElseThrow();
    ActivatedJob firstB = bJobs.stream().filter(j -> j.getVariablesAsMap().get("n").equals(1)).findFirst().orElseThrow();
    client.newCompleteCommand(secondB).send().join();
    assertThat(second.join().getVariablesAsMap()).containsEntry("n", 2);
    assertThat(first.isDone()).as("first instance done").isFalse();

    client.newCompleteCommand(firstB).send().join();
    assertThat(first.join().getVariablesAsMap()).containsEntry("n", 1);
  }

  private static Map<String, Object> run(CamundaClient client, String processId, Map<String, Object> variables) {
    return client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion().variables(variables)
        .withResult().send().join().getVariablesAsMap();
  }

  private static List<ActivatedJob> awaitJobs(CamundaClient client, String jobType, int count) {
    List<ActivatedJob> jobs = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (jobs.size() < count && System.nanoTime() < deadline) {
      jobs.addAll(activate(client, jobType, count - jobs.size(), Duration.ofMinutes(1), Duration.ofSeconds(1)));
    }
    assertThat(jobs).hasSize(count);
    return jobs;
  }
}
