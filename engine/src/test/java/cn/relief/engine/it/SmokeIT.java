package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.gateway.grpc.GrpcGatewayServer;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(classes = TestEngineApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SmokeIT {
  @LocalServerPort int httpPort;
  @Autowired GrpcGatewayServer grpc;

  @ParameterizedTest(name = "preferRest={0}")
  @ValueSource(booleans = {true, false})
  void runsAOneTaskProcess(boolean preferRest) {
    try (CamundaClient client = EngineClients.client(httpPort, grpc.port(), preferRest)) {
      // a job type per transport: a long poll left behind by the other case must not take this job
      String jobType = "smoke-work-" + (preferRest ? "rest" : "grpc");
      BpmnModelInstance model = Bpmn.createExecutableProcess("smoke")
          .startEvent().serviceTask("task", t -> t.zeebeJobType(jobType)).endEvent().done();
      DeploymentEvent deployment = client.newDeployResourceCommand()
          .addProcessModel(model, "smoke.bpmn").send().join();
      assertThat(deployment.getProcesses()).hasSize(1);

      try (var worker = client.newWorker().jobType(jobType)
          .handler((jobClient, job) -> jobClient.newCompleteCommand(job).variables(Map.of("done", true)).send().join())
          .open()) {
        ProcessInstanceResult result = client.newCreateInstanceCommand().bpmnProcessId("smoke").latestVersion()
            .variables(Map.of("n", 1)).withResult().send().join();
        assertThat(result.getVariablesAsMap()).containsEntry("done", true).containsEntry("n", 1);
      }
    }
  }
}
