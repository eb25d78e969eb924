package cn.relief.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class CaseStageTest {
  /** The elements a case can stay in: activities and catch events (gateways and start/end events pass at once). */
  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final Set<String> WAITING_KINDS = Set.of("userTask", "serviceTask", "businessRuleTask",
      "receiveTask", "callActivity", "subProcess", "intermediateCatchEvent", "scriptTask", "sendTask", "task");

  @Test
  void everyActivityOfTheReliefCaseModelBelongsToAStage() throws Exception {
    List<String> unstaged = new ArrayList<>();
    for (String id : waitingElements()) {
      if (CaseStage.ofElement(id).isEmpty()) {
        unstaged.add(id);
      }
    }
    assertThat(unstaged).as("relief-case elements without a stage").isEmpty();
  }

  @Test
  void theFurthestActiveElementGivesTheStage() {
    assertThat(CaseStage.ofActiveElements(List.of("UserTask_intake"))).contains(CaseStage.INTAKE);
    assertThat(CaseStage.ofActiveElements(List.of("SubProcess_care", "CallActivity_familyTracing",
        "ReceiveTask_escalationOutcome"))).contains(CaseStage.ESCALATION);
    assertThat(CaseStage.ofActiveElements(List.of("SubProcess_care", "UserTask_needsAssessment")))
        .contains(CaseStage.CARE);
    assertThat(CaseStage.ofActiveElements(List.of("Gateway_screening"))).isEmpty();
  }

  private static List<String> waitingElements() throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    List<String> ids = new ArrayList<>();
    try (InputStream model = CaseStageTest.class.getResourceAsStream("/processes/relief-case.bpmn")) {
      assertThat(model).as("relief-case.bpmn on the class path").isNotNull();
      NodeList all = factory.newDocumentBuilder().parse(model).getElementsByTagNameNS("*", "*");
      for (int i = 0; i < all.getLength(); i++) {
        Element element = (Element) all.item(i);
        if (BPMN.equals(element.getNamespaceURI()) && WAITING_KINDS.contains(element.getLocalName())) {
          ids.add(element.getAttribute("id"));
        }
      }
    }
    assertThat(ids).contains("UserTask_intake", "SubProcess_care", "UserTask_closure");
    return ids;
  }
}
