package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.client.api.response.SetVariablesResponse;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.Map;

/**
 * Variable scopes as Zeebe defines them: job results propagate to the process unless output
 * mappings pick what leaves the task; input mappings create task-local variables; SetVariables
 * works locally or propagated. Observed through the variables a create-with-result returns.
 */
class VariablesIT extends ClientTestSupport {

  @OverBothTransports
  void jobVariablesWithoutOutputMappingsPropagateToTheProcess(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("propagate", transport);
    String jobType = uniqueId("propagate", transport);
    deploy(client, oneTask(processId, jobType));

    CamundaFuture<ProcessInstanceResult> result = startAwaitingResult(client, processId, Map.of("caseId", "C-7"));
    ActivatedJob job = activateOne(client, jobType);
    client.newCompleteCommand(job).variables(Map.of("assessment", Map.of("score", 7), "caseId", "C-7b")).send().join();

    assertThat(result.join().getVariablesAsMap())
        .isEqualTo(Map.of("caseId", "C-7b", "assessment", Map.of("score", 7)));
  }

  @OverBothTransports
  void withOutputMappingsOnlyTheMappedVariablesReachTheProcess(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("output-mapping", transport);
    String jobType = uniqueId("output-mapping", transport);
    deploy(client, Bpmn.createExecutableProcess(processId)
        .startEvent()
        .serviceTask("task", t -> t.zeebeJobType(jobType)
            .zeebeOutputExpression("score * 2", "weightedScore")
            .zeebeOutputExpression("note", "summary.text"))
        .endEvent()
        .done());

    CamundaFuture<ProcessInstanceResult> result = startAwaitingResult(client, processId, Map.of("keep", "me"));
    ActivatedJob job = activateOne(client, jobType);
    client.newCompleteCommand(job).variables(Map.of("score", 21, "note", "ok", "scratch", true)).send().join();

    assertThat(result.join().getVariablesAsMap()).isEqualTo(Map.of(
        "keep", "me",
        "weightedScore", 42,
        "summary", Map.of("text", "ok")));
  }

  @OverBothTransports
  void inputMappingsCreateVariablesLocalToTheTask(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("input-mapping", transport);
    String jobType = uniqueId("input-mapping", transport);
    deploy(client, Bpmn.createExecutableProcess(processId)
        .startEvent()
        .serviceTask("task", t -> t.zeebeJobType(jobType)
            .zeebeInputExpression("household + 1", "headcount")
            .zeebeInputExpression("\"inner\"", "shadow"))
        .endEvent()
        .done());

    CamundaFuture<ProcessInstanceResult> result =
        startAwaitingResult(client, processId, Map.of("household", 3, "shadow", "outer"));
    ActivatedJob job = activateOne(client, jobType);
    // the task sees its local variables, the inner one shadowing the process variable
    assertThat(job.getVariablesAsMap()).isEqualTo(Map.of("household", 3, "headcount", 4, "shadow", "inner"));

    // a job result propagates to the nearest scope that has the variable: "shadow" is the task's
    client.newCompleteCommand(job).variables(Map.of("shadow", "changed", "fresh", true)).send().join();

    assertThat(result.join().getVariablesAsMap())
        .isEqualTo(Map.of("household", 3, "shadow", "outer", "fresh", true));
  }

  @OverBothTransports
  void setVariablesLocallyOrPropagated(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("set-variables", transport);
    String jobType = uniqueId("set-variables", transport);
    deploy(client, oneTask(processId, jobType));

    CamundaFuture<ProcessInstanceResult> result = startAwaitingResult(client, processId, Map.of("start", 0));
    ActivatedJob job = activateOne(client, jobType);
    long taskScope = job.getElementInstanceKey();

    SetVariablesResponse local =
        client.newSetVariablesCommand(taskScope).variables(Map.of("localOnly", 1, "shared", "local")).local(true)
            .send().join();
    client.newSetVariablesCommand(taskScope).variables(Map.of("propagated", 2, "shared", "again")).local(false)
        .send().join();
    client.newSetVariablesCommand(job.getProcessInstanceKey()).variables(Map.of("onProcess", 3)).send().join();
    if (transport == Transport.GRPC) {
      assertThat(local.getKey()).isPositive();
    }

    // the task sees all of them; "shared" existed locally, so the propagated update stayed there
    client.newFailCommand(job).retries(1).send().join();
    ActivatedJob again = activateOne(client, jobType);
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getVariablesAsMap()).isEqualTo(
        Map.of("start", 0, "localOnly", 1, "shared", "again", "propagated", 2, "onProcess", 3));

    client.newCompleteCommand(again).send().join();
    assertThat(result.join().getVariablesAsMap()).isEqualTo(Map.of("start", 0, "propagated", 2, "onProcess", 3));
  }

  private static CamundaFuture<ProcessInstanceResult> startAwaitingResult(
      CamundaClient client, String processId, Map<String, Object> variables) {
    return client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion().variables(variables)
        .withResult().requestTimeout(Duration.ofSeconds(20)).send();
  }
}
