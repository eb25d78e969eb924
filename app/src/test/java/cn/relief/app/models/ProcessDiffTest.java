package cn.relief.app.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.relief.app.models.ProcessDiff.Change;
import cn.relief.app.models.ProcessDiff.ElementChange;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProcessDiffTest {
  private static String model(String body) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
            id="d" targetNamespace="t">
          <bpmn:process id="p" isExecutable="true">%s</bpmn:process>
          <bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="p"/></bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """.formatted(body);
  }

  private static final String V1 = model("""
      <bpmn:startEvent id="start"/>
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
      <bpmn:serviceTask id="check" name="核查身份">
        <bpmn:extensionElements><zeebe:taskDefinition type="identity-check" retries="3"/></bpmn:extensionElements>
      </bpmn:serviceTask>
      <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end"/>
      <bpmn:userTask id="old" name="旧步骤"/>
      <bpmn:endEvent id="end"/>
      """);

  private static final String V2 = model("""
      <bpmn:startEvent id="start"/>
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
      <bpmn:serviceTask id="check" name="核查身份信息">
        <bpmn:extensionElements>
          <zeebe:taskDefinition type="identity-check-v2" retries="3"/>
        </bpmn:extensionElements>
      </bpmn:serviceTask>
      <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="notify"/>
      <bpmn:sendTask id="notify" name="通知"/>
      <bpmn:sequenceFlow id="f3" sourceRef="notify" targetRef="end"/>
      <bpmn:endEvent id="end"/>
      """);

  @Test
  void addedRemovedAndChangedElementsByIdWithWhatChanged() {
    Map<String, ElementChange> changes = ProcessDiff.between(V1, V2).stream()
        .collect(Collectors.toMap(ElementChange::elementId, c -> c));

    assertThat(changes.keySet()).containsExactlyInAnyOrder("check", "f2", "old", "notify", "f3");
    assertThat(changes.get("old").change()).isEqualTo(Change.REMOVED);
    assertThat(changes.get("notify").change()).isEqualTo(Change.ADDED);
    assertThat(changes.get("notify").type()).isEqualTo("sendTask");
    assertThat(changes.get("f3").change()).isEqualTo(Change.ADDED);
    ElementChange check = changes.get("check");
    assertThat(check.change()).isEqualTo(Change.CHANGED);
    assertThat(check.details()).anySatisfy(d -> assertThat(d).contains("name", "核查身份", "核查身份信息"))
        .anySatisfy(d -> assertThat(d).startsWith("extensionElements").contains("identity-check-v2"));
    assertThat(changes.get("f2").details()).containsExactly("targetRef: end → notify");
  }

  @Test
  void theSameModelLaidOutDifferentlyHasNoChanges() {
    String moved = V1.replace("<bpmndi:BPMNPlane id=\"plane\" bpmnElement=\"p\"/>",
        "<bpmndi:BPMNPlane id=\"plane2\" bpmnElement=\"p\"/>").replace("  ", "    ");
    assertThat(ProcessDiff.between(V1, moved)).isEmpty();
  }

  @Test
  void aChangedTypeAndConditionAreChanges() {
    String before = model("""
        <bpmn:exclusiveGateway id="gw"/>
        <bpmn:sequenceFlow id="yes" sourceRef="gw" targetRef="gw"><bpmn:conditionExpression>=adult</bpmn:conditionExpression></bpmn:sequenceFlow>
        """);
    String after = model("""
        <bpmn:inclusiveGateway id="gw"/>
        <bpmn:sequenceFlow id="yes" sourceRef="gw" targetRef="gw"><bpmn:conditionExpression>=age &gt;= 18</bpmn:conditionExpression></bpmn:sequenceFlow>
        """);
    List<ElementChange> changes = ProcessDiff.between(before, after);
    assertThat(changes).extracting(ElementChange::elementId).containsExactly("gw", "yes");
    assertThat(changes.get(0).details()).containsExactly("type: exclusiveGateway → inclusiveGateway");
    assertThat(changes.get(1).details()).containsExactly("conditionExpression: =adult → =age >= 18");
  }

  @Test
  void aDocumentTypeDeclarationIsRefusedNotResolved() {
    String evil = """
        <?xml version="1.0"?>
        <!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
          <bpmn:process id="p"><bpmn:task id="t" name="&secret;"/></bpmn:process>
        </bpmn:definitions>
        """;
    assertThatThrownBy(() -> ProcessDiff.between(evil, V1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DOCTYPE");
  }
}
