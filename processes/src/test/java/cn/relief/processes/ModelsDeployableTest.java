package cn.relief.processes;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.bpmn.BpmnElementType;
import cn.relief.engine.bpmn.BpmnTransformer;
import cn.relief.engine.bpmn.ExecutableFlowNode;
import cn.relief.engine.bpmn.ExecutableProcess;
import cn.relief.engine.dmn.DmnTransformer;
import cn.relief.engine.dmn.ExecutableDecision;
import cn.relief.engine.feel.ExpressionLanguage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every model is accepted by the engine's own deployment checks (the transformers deployment runs),
 * refers only to decisions and processes of this module, and is drawn: every element has a shape.
 */
class ModelsDeployableTest {
  private static final BpmnTransformer BPMN = new BpmnTransformer(new ExpressionLanguage());
  private static final DmnTransformer DMN = new DmnTransformer();
  private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

  static List<ExecutableProcess> processes() {
    List<ExecutableProcess> processes = new ArrayList<>();
    Models.bpmn().forEach((name, content) -> {
      BpmnTransformer.Result result = BPMN.transform(name, content);
      assertThat(result.problems()).as(name).isEmpty();
      processes.addAll(result.processes());
    });
    return processes;
  }

  static Set<String> decisionIds() {
    Set<String> ids = new HashSet<>();
    Models.dmn().forEach((name, content) -> {
      DmnTransformer.Result result = DMN.transform(name, content);
      assertThat(result.problems()).as(name).isEmpty();
      for (ExecutableDecision decision : result.requirements().decisions()) {
        assertThat(ids.add(decision.decisionId())).as("decision id " + decision.decisionId() + " is unique").isTrue();
      }
    });
    return ids;
  }

  @Test
  void everyProcessIsValidForTheEngine() {
    List<ExecutableProcess> processes = processes();
    assertThat(processes).extracting(ExecutableProcess::bpmnProcessId)
        .containsExactlyInAnyOrder("relief-case", "family-tracing", "temporary-assistance", "extremely-poor-support",
            "minor-protection", "domestic-violence-shelter", "regional-escalation", "joint-handling",
            "downward-assistance", "cross-province-escort", "resettlement", "street-patrol", "discovery-report",
            "return-follow-up");
  }

  @Test
  void everyDecisionIsValidForTheEngine() {
    assertThat(decisionIds()).containsExactlyInAnyOrder("admission", "time-limits", "linkages", "escalation",
        "joint-handling", "placement");
  }

  @Test
  void calledDecisionsAndProcessesExistInThisModule() {
    List<ExecutableProcess> processes = processes();
    Set<String> decisions = decisionIds();
    Set<String> processIds = new HashSet<>();
    processes.forEach(p -> processIds.add(p.bpmnProcessId()));
    for (ExecutableProcess process : processes) {
      for (ExecutableFlowNode node : process.nodes().values()) {
        if (node.calledDecision() != null) {
          assertThat(node.calledDecision().decisionId().isFeel()).as(node.id() + " calls a fixed decision").isFalse();
          assertThat(decisions).as(node.id()).contains(node.calledDecision().decisionId().text());
        }
        if (node.calledElement() != null) {
          assertThat(node.calledElement().processId().isFeel()).as(node.id() + " calls a fixed process").isFalse();
          assertThat(processIds).as(node.id()).contains(node.calledElement().processId().text());
        }
      }
    }
  }

  @Test
  void serviceTasksDeclareJobTypesOfTheReliefNamespace() {
    for (ExecutableProcess process : processes()) {
      for (ExecutableFlowNode node : process.nodes().values()) {
        if (node.type() == BpmnElementType.SERVICE_TASK) {
          assertThat(node.jobDefinition()).as(node.id()).isNotNull();
          assertThat(node.jobDefinition().type().text()).as(node.id()).matches("relief\\.[a-z]+(-[a-z]+)*");
        }
      }
    }
  }

  @Test
  void timeLimitsComeFromVariablesNotFromTheModel() {
    for (ExecutableProcess process : processes()) {
      for (ExecutableFlowNode node : process.nodes().values()) {
        if (node.timer() != null) {
          assertThat(node.timer().expression().isFeel()).as(node.id() + " takes its time limit from a variable")
              .isTrue();
        }
      }
    }
  }

  /**
   * A readable diagram: no two shapes overlap, except a boundary event on its activity and the
   * elements inside their sub-process; and it reads left to right (every flow's target begins
   * to the right of its source's left edge, or the flow leaves a boundary event downwards).
   */
  @Test
  void theDiagramsHaveNoOverlappingShapesAndReadLeftToRight() {
    Models.bpmn().forEach((name, content) -> {
      Document dom = Models.dom(content);
      Map<String, double[]> bounds = new java.util.HashMap<>();
      NodeList shapes = dom.getElementsByTagNameNS("http://www.omg.org/spec/BPMN/20100524/DI", "BPMNShape");
      for (int i = 0; i < shapes.getLength(); i++) {
        Element shape = (Element) shapes.item(i);
        Element box = (Element) shape.getElementsByTagNameNS("http://www.omg.org/spec/DD/20100524/DC", "Bounds").item(0);
        bounds.put(shape.getAttribute("bpmnElement"), new double[] {Double.parseDouble(box.getAttribute("x")),
            Double.parseDouble(box.getAttribute("y")), Double.parseDouble(box.getAttribute("width")),
            Double.parseDouble(box.getAttribute("height"))});
      }
      Set<String> containers = new HashSet<>();
      Map<String, String> attachedTo = new java.util.HashMap<>();
      NodeList elements = dom.getElementsByTagNameNS(Models.BPMN, "*");
      for (int i = 0; i < elements.getLength(); i++) {
        Element element = (Element) elements.item(i);
        if (element.getLocalName().equals("subProcess")) {
          containers.add(element.getAttribute("id"));
        }
        if (element.getLocalName().equals("boundaryEvent")) {
          attachedTo.put(element.getAttribute("id"), element.getAttribute("attachedToRef"));
        }
      }
      List<String> ids = new ArrayList<>(bounds.keySet());
      for (int i = 0; i < ids.size(); i++) {
        for (int j = i + 1; j < ids.size(); j++) {
          String a = ids.get(i);
          String b = ids.get(j);
          if (containers.contains(a) || containers.contains(b) || b.equals(attachedTo.get(a))
              || a.equals(attachedTo.get(b))) {
            continue;
          }
          double[] p = bounds.get(a);
          double[] q = bounds.get(b);
          boolean overlap = p[0] < q[0] + q[2] && q[0] < p[0] + p[2] && p[1] < q[1] + q[3] && q[1] < p[1] + p[3];
          assertThat(overlap).as(name + ": " + a + " overlaps " + b).isFalse();
        }
      }
      NodeList flows = dom.getElementsByTagNameNS(Models.BPMN, "sequenceFlow");
      for (int i = 0; i < flows.getLength(); i++) {
        Element flow = (Element) flows.item(i);
        String source = flow.getAttribute("sourceRef");
        String target = flow.getAttribute("targetRef");
        if (!attachedTo.containsKey(source)) {
          assertThat(bounds.get(target)[0]).as(name + ": " + flow.getAttribute("id") + " goes left to right")
              .isGreaterThanOrEqualTo(bounds.get(source)[0]);
        }
      }
    });
  }

  @Test
  void everyElementIsNamedInChineseAndDrawn() {
    Models.bpmn().forEach((name, content) -> {
      Document dom = Models.dom(content);
      Set<String> drawn = new HashSet<>();
      NodeList shapes = dom.getElementsByTagNameNS("http://www.omg.org/spec/BPMN/20100524/DI", "*");
      for (int i = 0; i < shapes.getLength(); i++) {
        drawn.add(((Element) shapes.item(i)).getAttribute("bpmnElement"));
      }
      NodeList elements = dom.getElementsByTagNameNS(Models.BPMN, "*");
      for (int i = 0; i < elements.getLength(); i++) {
        Element element = (Element) elements.item(i);
        String kind = element.getLocalName();
        boolean flowNode = kind.endsWith("Task") || kind.endsWith("Event") || kind.endsWith("Gateway")
            || kind.equals("subProcess") || kind.equals("callActivity");
        if (flowNode || kind.equals("sequenceFlow")) {
          assertThat(drawn).as(name + ": " + element.getAttribute("id") + " has a shape or edge")
              .contains(element.getAttribute("id"));
        }
        if (flowNode && !kind.endsWith("Gateway")) {
          assertThat(element.getAttribute("name")).as(name + ": " + element.getAttribute("id")).containsPattern(CHINESE);
        }
      }
    });
  }
}
