package cn.relief.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import java.net.URI;
import java.time.Duration;

/** Real, unmodified Camunda clients and the benchmark's process models. */
final class Clients {
  private Clients() {}

  static CamundaClient client(BenchEngine engine, boolean preferRest, int workerThreads) {
    return CamundaClient.newClientBuilder()
        .restAddress(URI.create("http://127.0.0.1:" + engine.httpPort))
        .grpcAddress(URI.create("http://127.0.0.1:" + engine.grpcPort))
        .preferRestOverGrpc(preferRest)
        .credentialsProvider(CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
            .username(engine.username).password(engine.password).build())
        .defaultRequestTimeout(Duration.ofSeconds(20))
        .numJobWorkerExecutionThreads(workerThreads)
        .build();
  }

  /** start -> task1 -> ... -> taskN -> end, every task of the same job type. */
  static BpmnModelInstance sequence(String processId, String jobType, int tasks) {
    AbstractFlowNodeBuilder<?, ?> builder = Bpmn.createExecutableProcess(processId).startEvent("start");
    for (int i = 1; i <= tasks; i++) {
      builder = builder.serviceTask("task" + i, t -> t.zeebeJobType(jobType));
    }
    return builder.endEvent("end").done();
  }

  static void deploy(CamundaClient client, BpmnModelInstance model, String processId) {
    client.newDeployResourceCommand().addProcessModel(model, processId + ".bpmn").send().join();
  }
}
