package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tasks the engine does itself or hands to workers (manual, undefined, script, send, message throw
 * and end events), embedded sub-processes, link events and terminate end events, driven through
 * the real client.
 */
class TasksAndScopesIT extends ClientTestSupport {

  @OverBothTransports
  void manualUndefinedAndScriptTasksRunWithoutWorkers(Transport transport) {
    CamundaClient client = client(transport);
    String id = uniqueId("engine-tasks", transport);
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://relief.cn/test">
          <bpmn:process id="%s" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="checkPapers" />
            <bpmn:manualTask id="checkPapers" name="核对证件" />
            <bpmn:sequenceFlow id="f2" sourceRef="checkPapers" targetRef="note" />
            <bpmn:task id="note" name="记录" />
            <bpmn:sequenceFlow id="f3" sourceRef="note" targetRef="days">
            </bpmn:sequenceFlow>
            <bpmn:scriptTask id="days" name="计算天数">
              <bpmn:extensionElements>
                <zeebe:script expression="=stayDays + extension" resultVariable="totalDays" />
              </bpmn:extensionElements>
            </bpmn:scriptTask>
            <bpmn:sequenceFlow id="f4" sourceRef="days" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(id);
    client.newDeployResourceCommand().addResourceBytes(xml.getBytes(StandardCharsets.UTF_8), id + ".bpmn")
        .send().join();
    var result = client.newCreateInstanceCommand().bpmnProcessId(id).latestVersion()
        .variables(Map.of("stayDays", 10, "extension", 5)).withResult().send().join();
    assertThat(result.getVariablesAsMap()).containsEntry("totalDays", 15);
    assertThat(completedElements(result.getProcessInstanceKey()))
        .containsExactly("start", "checkPapers", "note", "days", "end", id);
  }

  @OverBothTransports
  void aBusinessRuleTaskEvaluatesItsDecisionIntoTheResultVariable(Transport transport) throws Exception {
    CamundaClient client = client(transport);
    String prefix = uniqueId("brt", transport);
    String dmn = reliefAidDmn(prefix);
    String id = prefix + "-process";
    client.newDeployResourceCommand()
        .addResourceBytes(dmn.getBytes(StandardCharsets.UTF_8), prefix + ".dmn")
        .addProcessModel(Bpmn.createExecutableProcess(id).startEvent()
            .businessRuleTask("decideAid", t -> t.zeebeCalledDecisionId(prefix + "-aid-level").zeebeResultVariable("aid"))
            .endEvent().done(), id + ".bpmn")
        .send().join();
    var result = client.newCreateInstanceCommand().bpmnProcessId(id).latestVersion()
        .variables(Map.of("damage", "destroyed", "householdSize", 5)).withResult().send().join();
    assertThat(result.getVariablesAsMap().get("aid")).isEqualTo(Map.of("level", "A", "amount", 5000));

    // a decision that is not deployed is an incident on the task, not a silent skip
    String missing = uniqueId("brt-missing", transport);
    deploy(client, Bpmn.createExecutableProcess(missing).startEvent()
        .businessRuleTask("decide", t -> t.zeebeCalledDecisionId(missing + "-nowhere").zeebeResultVariable("r"))
        .endEvent().done());
    long instance = startInstance(client, missing, Map.of());
    Incident incident = awaitOpenIncident(instance);
    assertThat(incident.errorType()).isEqualTo("DECISION_EVALUATION_ERROR");
    assertThat(incident.errorMessage()).contains(missing + "-nowhere");
  }

  @Test
  void aFailingScriptRaisesAnIncidentThatRetriesOnceResolved() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("script-incident", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .scriptTask("calc", s -> s.zeebeExpression("count(assert(items, items != null))").zeebeResultVariable("n"))
        .endEvent().done());
    long instance = startInstance(client, id, Map.of());
    Incident incident = awaitOpenIncident(instance);
    assertThat(incident.elementId()).isEqualTo("calc");
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");

    client.newSetVariablesCommand(instance).variables(Map.of("items", List.of(1, 2, 3))).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    awaitInstanceState(instance, "COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("n", "3");
  }

  @Test
  void sendTasksAndMessageThrowAndEndEventsAreDoneByWorkers() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("send", Transport.GRPC);
    String type = uniqueId("notify-police", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .sendTask("notify", t -> t.zeebeJobType(type))
        .intermediateThrowEvent("inform", e -> e.message("informed").zeebeJobType(type))
        .endEvent("report", e -> e.message("reported").zeebeJobType(type))
        .done());
    long instance = startInstance(client, id, Map.of());
    for (String expected : List.of("notify", "inform", "report")) {
      ActivatedJob job = activateOne(client, type);
      assertThat(job.getElementId()).isEqualTo(expected);
      client.newCompleteCommand(job).variables(Map.of(expected, true)).send().join();
    }
    awaitInstanceState(instance, "COMPLETED");
    assertThat(rootVariables(instance)).containsKeys("notify", "inform", "report");
  }

  @Test
  void anEmbeddedSubProcessIsAScopeWithItsOwnVariables() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("sub", Transport.GRPC);
    String type = uniqueId("sub-work", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent("start")
        .subProcess("assessment", s -> s.zeebeInputExpression("person.name", "name")
            .zeebeOutputExpression("score", "assessmentScore"))
        .embeddedSubProcess()
        .startEvent("assessmentStart")
        .serviceTask("interview", t -> t.zeebeJobType(type))
        .endEvent("assessmentEnd")
        .subProcessDone()
        .endEvent("end")
        .done());
    long instance = startInstance(client, id, Map.of("person", Map.of("name", "张三")));
    ActivatedJob job = activateOne(client, type);
    assertThat(job.getVariablesAsMap()).containsEntry("name", "张三");
    client.newCompleteCommand(job).variables(Map.of("score", 7)).send().join();
    awaitInstanceState(instance, "COMPLETED");
    assertThat(completedElements(instance))
        .containsExactly("start", "assessmentStart", "interview", "assessmentEnd", "assessment", "end", id);
    // the input mapping stayed local to the sub-process; the job's variable propagated to the root
    // (no scope on the way has it) and the output mapping added its own
    assertThat(rootVariables(instance)).containsEntry("assessmentScore", "7").containsEntry("score", "7")
        .doesNotContainKey("name");
  }

  @Test
  void aTerminateEndEventEndsEverythingElseInItsScope() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("terminate", Transport.GRPC);
    String type = uniqueId("slow", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(id).startEvent()
        .parallelGateway("fork")
        .serviceTask("slowCheck", t -> t.zeebeJobType(type)).endEvent("normalEnd")
        .moveToNode("fork")
        .endEvent("stopAll", e -> e.terminate())
        .done());
    long instance = startInstance(client, id, Map.of());
    awaitInstanceState(instance, "COMPLETED");
    assertThat(terminatedElements(instance)).containsExactly("slowCheck");
    assertThat(completedElements(instance)).endsWith("stopAll", id).doesNotContain("normalEnd");
    assertNoActivatableJob(client, type, Duration.ofMillis(200));
  }

  @Test
  void aLinkThrowEventContinuesAtItsCatchEvent() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("link", Transport.GRPC);
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"
            targetNamespace="http://relief.cn/test">
          <bpmn:process id="%s" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="goToClosing" />
            <bpmn:intermediateThrowEvent id="goToClosing">
              <bpmn:linkEventDefinition id="l1" name="closing" />
            </bpmn:intermediateThrowEvent>
            <bpmn:intermediateCatchEvent id="closingPage">
              <bpmn:linkEventDefinition id="l2" name="closing" />
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="closingPage" targetRef="closed" />
            <bpmn:endEvent id="closed" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(id);
    client.newDeployResourceCommand().addResourceBytes(xml.getBytes(StandardCharsets.UTF_8), id + ".bpmn")
        .send().join();
    var result = client.newCreateInstanceCommand().bpmnProcessId(id).latestVersion().withResult().send().join();
    assertThat(completedElements(result.getProcessInstanceKey()))
        .containsExactly("start", "goToClosing", "closingPage", "closed", id);
  }
}
