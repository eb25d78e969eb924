package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Deploying BPMN resources: versions per process id, idempotent redeployment, several processes. */
class DeploymentIT extends ClientTestSupport {

  @OverBothTransports
  void versionsEachProcessIdAndKeepsTheVersionOfIdenticalContent(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("versioned", transport);
    String first = Bpmn.convertToString(oneTask(processId, uniqueId("type-a", transport)));
    String changed = Bpmn.convertToString(oneTask(processId, uniqueId("type-b", transport)));

    DeploymentEvent v1 = deployXml(client, first, processId + ".bpmn");
    assertThat(v1.getKey()).isPositive();
    assertThat(v1.getProcesses()).singleElement().satisfies(p -> {
      assertThat(p.getBpmnProcessId()).isEqualTo(processId);
      assertThat(p.getVersion()).isEqualTo(1);
      assertThat(p.getProcessDefinitionKey()).isPositive();
      assertThat(p.getResourceName()).isEqualTo(processId + ".bpmn");
    });
    Process version1 = v1.getProcesses().get(0);

    // the same bytes again: no new version, the same definition key, but a new deployment
    DeploymentEvent again = deployXml(client, first, processId + ".bpmn");
    assertThat(again.getKey()).isPositive().isNotEqualTo(v1.getKey());
    assertThat(again.getProcesses()).singleElement().satisfies(p -> {
      assertThat(p.getVersion()).isEqualTo(1);
      assertThat(p.getProcessDefinitionKey()).isEqualTo(version1.getProcessDefinitionKey());
    });

    // changed content: the next version with a new key
    DeploymentEvent v2 = deployXml(client, changed, processId + ".bpmn");
    assertThat(v2.getProcesses()).singleElement().satisfies(p -> {
      assertThat(p.getBpmnProcessId()).isEqualTo(processId);
      assertThat(p.getVersion()).isEqualTo(2);
      assertThat(p.getProcessDefinitionKey()).isNotEqualTo(version1.getProcessDefinitionKey());
    });

    // the first content again differs from the latest version: as in Zeebe, it becomes version 3
    DeploymentEvent v3 = deployXml(client, first, processId + ".bpmn");
    assertThat(v3.getProcesses()).singleElement().satisfies(p -> {
      assertThat(p.getVersion()).isEqualTo(3);
      assertThat(p.getProcessDefinitionKey())
          .isNotIn(version1.getProcessDefinitionKey(), v2.getProcesses().get(0).getProcessDefinitionKey());
    });

    // the same content under another resource name is a new version too (Zeebe compares both)
    DeploymentEvent renamed = deployXml(client, first, processId + "-renamed.bpmn");
    assertThat(renamed.getProcesses()).singleElement().satisfies(p -> {
      assertThat(p.getVersion()).isEqualTo(4);
      assertThat(p.getResourceName()).isEqualTo(processId + "-renamed.bpmn");
    });

    // versions count per process id: another id starts at 1
    String otherId = uniqueId("versioned-other", transport);
    Process other = deploy(client, oneTask(otherId, uniqueId("type-c", transport)));
    assertThat(other.getVersion()).isEqualTo(1);
  }

  @OverBothTransports
  void deploysEveryExecutableProcessOfOneResource(Transport transport) {
    CamundaClient client = client(transport);
    String first = uniqueId("multi-first", transport);
    String second = uniqueId("multi-second", transport);
    String notExecutable = uniqueId("multi-not-executable", transport);
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://relief.cn/test">
          <bpmn:process id="%1$s" isExecutable="true">
            <bpmn:startEvent id="s1" />
            <bpmn:sequenceFlow id="f1" sourceRef="s1" targetRef="e1" />
            <bpmn:endEvent id="e1">
              <bpmn:extensionElements>
                <zeebe:ioMapping><zeebe:output source="=&quot;first&quot;" target="ran" /></zeebe:ioMapping>
              </bpmn:extensionElements>
            </bpmn:endEvent>
          </bpmn:process>
          <bpmn:process id="%2$s" isExecutable="true">
            <bpmn:startEvent id="s2" />
            <bpmn:sequenceFlow id="f2" sourceRef="s2" targetRef="e2" />
            <bpmn:endEvent id="e2">
              <bpmn:extensionElements>
                <zeebe:ioMapping><zeebe:output source="=&quot;second&quot;" target="ran" /></zeebe:ioMapping>
              </bpmn:extensionElements>
            </bpmn:endEvent>
          </bpmn:process>
          <bpmn:process id="%3$s" isExecutable="false">
            <bpmn:startEvent id="s3" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(first, second, notExecutable);

    DeploymentEvent deployment = deployXml(client, xml, "two-processes.bpmn");

    assertThat(deployment.getProcesses())
        .extracting(Process::getBpmnProcessId, Process::getVersion, Process::getResourceName)
        .containsExactlyInAnyOrder(
            tuple(first, 1, "two-processes.bpmn"),
            tuple(second, 1, "two-processes.bpmn"));
    assertThat(deployment.getProcesses().get(0).getProcessDefinitionKey())
        .isNotEqualTo(deployment.getProcesses().get(1).getProcessDefinitionKey());
    // both run, each its own definition
    assertThat(runToEnd(client, first)).containsEntry("ran", "first");
    assertThat(runToEnd(client, second)).containsEntry("ran", "second");
  }

  @OverBothTransports
  void deploysSeveralResourcesInOneDeployment(Transport transport) {
    CamundaClient client = client(transport);
    String first = uniqueId("resource-one", transport);
    String second = uniqueId("resource-two", transport);
    BpmnModelInstance one = oneTask(first, uniqueId("type", transport));
    BpmnModelInstance two = oneTask(second, uniqueId("type", transport));

    DeploymentEvent deployment = client.newDeployResourceCommand()
        .addProcessModel(one, "one.bpmn")
        .addProcessModel(two, "two.bpmn")
        .send()
        .join();

    assertThat(deployment.getKey()).isPositive();
    assertThat(deployment.getProcesses())
        .extracting(Process::getBpmnProcessId, Process::getResourceName)
        .containsExactlyInAnyOrder(
            tuple(first, "one.bpmn"),
            tuple(second, "two.bpmn"));
  }

  @OverBothTransports
  void deploysResourcesInTheEncodingTheyDeclare(Transport transport) {
    CamundaClient client = client(transport);
    for (String encoding : new String[] {"UTF-16", "GBK"}) {
      String processId = uniqueId("encoded-" + encoding.toLowerCase(Locale.ROOT), transport);
      // a job type with Chinese characters shows whether the engine read the document as declared
      String jobType = "救灾评估-" + processId;
      String xml = Bpmn.convertToString(oneTask(processId, jobType))
          .replaceFirst("encoding=\"UTF-8\"", "encoding=\"" + encoding + "\"");
      byte[] content = xml.getBytes(Charset.forName(encoding));

      DeploymentEvent deployment = client.newDeployResourceCommand()
          .addResourceBytes(content, processId + ".bpmn").send().join();
      assertThat(deployment.getProcesses()).singleElement()
          .satisfies(p -> assertThat(p.getBpmnProcessId()).isEqualTo(processId));

      long instanceKey = startInstance(client, processId, Map.of());
      var job = activateOne(client, jobType);
      assertThat(job.getType()).isEqualTo(jobType);
      assertThat(job.getProcessInstanceKey()).isEqualTo(instanceKey);
    }
  }

  private static DeploymentEvent deployXml(CamundaClient client, String xml, String resourceName) {
    return client.newDeployResourceCommand()
        .addResourceBytes(xml.getBytes(StandardCharsets.UTF_8), resourceName)
        .send()
        .join();
  }

  private static Map<String, Object> runToEnd(CamundaClient client, String processId) {
    return client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
        .withResult().send().join().getVariablesAsMap();
  }
}
