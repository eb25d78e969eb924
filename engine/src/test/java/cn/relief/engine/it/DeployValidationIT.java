package cn.relief.engine.it;

import io.camunda.client.CamundaClient;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Camunda 8.8 does not execute, and every broken reference, is refused at deployment with the
 * element id and the reason, never ignored at run time.
 */
class DeployValidationIT extends ClientTestSupport {

  static Stream<Arguments> invalidModels() {
    return Stream.of(
        Arguments.of("transaction", """
            <bpmn:startEvent id="start" />
            <bpmn:transaction id="booking"><bpmn:startEvent id="s2" /></bpmn:transaction>
            """, new String[] {"booking", "transaction"}),
        Arguments.of("conditional", """
            <bpmn:startEvent id="start" />
            <bpmn:intermediateCatchEvent id="whenReady">
              <bpmn:conditionalEventDefinition id="c"><bpmn:condition>=ready</bpmn:condition></bpmn:conditionalEventDefinition>
            </bpmn:intermediateCatchEvent>
            """, new String[] {"whenReady", "conditional"}),
        Arguments.of("cancel", """
            <bpmn:startEvent id="start" />
            <bpmn:endEvent id="cancelAll"><bpmn:cancelEventDefinition id="c" /></bpmn:endEvent>
            """, new String[] {"cancelAll", "cancel"}),
        Arguments.of("multiple", """
            <bpmn:startEvent id="start" />
            <bpmn:intermediateCatchEvent id="either">
              <bpmn:timerEventDefinition id="t"><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
              <bpmn:signalEventDefinition id="s" signalRef="sig" />
            </bpmn:intermediateCatchEvent>
            """, new String[] {"either", "several event definitions"}),
        Arguments.of("standard-loop", """
            <bpmn:startEvent id="start" />
            <bpmn:manualTask id="repeat"><bpmn:standardLoopCharacteristics /></bpmn:manualTask>
            """, new String[] {"repeat", "standard loops"}),
        Arguments.of("compensation-esp", """
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="undo" triggeredByEvent="true">
              <bpmn:startEvent id="undoStart"><bpmn:compensateEventDefinition id="c" /></bpmn:startEvent>
            </bpmn:subProcess>
            """, new String[] {"undoStart", "compensation event sub-processes"}),
        Arguments.of("job-type-feel", """
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="call">
              <bpmn:extensionElements><zeebe:taskDefinition type="=concat(" /></bpmn:extensionElements>
            </bpmn:serviceTask>
            """, new String[] {"call", "job type"}),
        Arguments.of("called-process-feel", """
            <bpmn:startEvent id="start" />
            <bpmn:callActivity id="callIt">
              <bpmn:extensionElements><zeebe:calledElement processId="=if then" /></bpmn:extensionElements>
            </bpmn:callActivity>
            """, new String[] {"callIt", "called process id"}),
        Arguments.of("message-without-name", """
            <bpmn:startEvent id="start" />
            <bpmn:receiveTask id="waitReply" messageRef="nameless" />
            """, new String[] {"waitReply", "name"}),
        Arguments.of("timer-unparseable", """
            <bpmn:startEvent id="start" />
            <bpmn:intermediateCatchEvent id="wait">
              <bpmn:timerEventDefinition id="t"><bpmn:timeDuration>ten days</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            """, new String[] {"wait", "ISO 8601 duration", "ten days"}),
        Arguments.of("cycle-on-catch", """
            <bpmn:startEvent id="start" />
            <bpmn:intermediateCatchEvent id="every">
              <bpmn:timerEventDefinition id="t"><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            """, new String[] {"every", "not a cycle"}),
        Arguments.of("event-gateway-to-task", """
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="gw" />
            <bpmn:eventBasedGateway id="gw" />
            <bpmn:sequenceFlow id="f1" sourceRef="gw" targetRef="task" />
            <bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="timer" />
            <bpmn:manualTask id="task" />
            <bpmn:intermediateCatchEvent id="timer">
              <bpmn:timerEventDefinition id="t"><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            """, new String[] {"gw", "'task' is not one"}),
        Arguments.of("non-interrupting-error", """
            <bpmn:startEvent id="start" />
            <bpmn:manualTask id="work" />
            <bpmn:boundaryEvent id="oops" attachedToRef="work" cancelActivity="false">
              <bpmn:errorEventDefinition id="e" />
            </bpmn:boundaryEvent>
            """, new String[] {"oops", "must be interrupting"}),
        Arguments.of("error-end-without-code", """
            <bpmn:startEvent id="start" />
            <bpmn:endEvent id="fail"><bpmn:errorEventDefinition id="e" /></bpmn:endEvent>
            """, new String[] {"fail", "error code"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidModels")
  void refusesWithTheElementAndTheReason(String name, String body, String[] fragments) {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("invalid-" + name, Transport.GRPC);
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://relief.cn/test">
          <bpmn:message id="nameless" />
          <bpmn:signal id="sig" name="sig" />
          <bpmn:process id="%s" isExecutable="true">
          %s
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(id, body);
    assertRejected(Transport.GRPC, () -> client.newDeployResourceCommand()
            .addResourceBytes(xml.getBytes(StandardCharsets.UTF_8), id + ".bpmn").send().join(),
        Status.Code.INVALID_ARGUMENT, 400, fragments);
  }
}
