package cn.relief.app.models;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.Process;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small processes of the Models tests' own ({@code models-test-*}), so that the relief models the
 * other tests run stay as they are. Each has a diagram, so the modeler shows it. Their service
 * tasks have job types no worker takes: the cases wait there.
 */
public final class TestModels {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private TestModels() {}

  /** A process id no other test uses in this context. */
  public static String uniqueId(String base) {
    return "models-test-" + base + "-" + System.currentTimeMillis() % 100000 + "-" + SEQUENCE.incrementAndGet();
  }

  /** start → service task "wait" → end. */
  public static String oneTask(String processId, String taskName) {
    return Bpmn.convertToString(Bpmn.createExecutableProcess(processId).name(processId).startEvent("start")
        .serviceTask("wait", t -> t.name(taskName).zeebeJobType("models-test-wait")).endEvent("end").done());
  }

  /** start → gateway: {@code route = "a"} to "wait", otherwise to "gone" (both service tasks) → end. */
  public static String twoRoutes(String processId) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(processId).startEvent("start")
        .exclusiveGateway("route").defaultFlow()
        .serviceTask("gone", t -> t.zeebeJobType("models-test-wait")).endEvent("endB")
        .moveToNode("route").condition("=route = \"a\"")
        .serviceTask("wait", t -> t.zeebeJobType("models-test-wait")).endEvent("endA")
        .done();
    return Bpmn.convertToString(model);
  }

  /** Deploys and waits until the definition is searchable (the pages read the engine's history, which follows). */
  public static Process deploy(CamundaClient client, String processId, String xml) {
    Process process = client.newDeployResourceCommand()
        .addResourceBytes(xml.getBytes(StandardCharsets.UTF_8), processId + ".bpmn").send().join().getProcesses().get(0);
    org.awaitility.Awaitility.await("definition " + processId + " v" + process.getVersion() + " searchable")
        .atMost(java.time.Duration.ofSeconds(10)).pollInterval(java.time.Duration.ofMillis(50))
        .until(() -> !client.newProcessDefinitionSearchRequest()
            .filter(f -> f.processDefinitionKey(process.getProcessDefinitionKey())).send().join().items().isEmpty());
    return process;
  }
}
