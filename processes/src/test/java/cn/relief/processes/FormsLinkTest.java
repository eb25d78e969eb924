package cn.relief.processes;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.bpmn.BpmnElementType;
import cn.relief.engine.bpmn.BpmnTransformer;
import cn.relief.engine.bpmn.ExecutableFlowNode;
import cn.relief.engine.bpmn.ExecutableProcess;
import cn.relief.engine.feel.ExpressionLanguage;
import cn.relief.engine.form.FormField;
import cn.relief.engine.form.FormSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * Every user task links an existing form, and every value a form asks for is used by the model.
 *
 * <p>The rule of the static check: a form field's key (its first path segment) must be a name that
 * the model reads after the task. A model reads a name when it occurs as an identifier in
 * <ul>
 *   <li>a FEEL expression of the model: any attribute whose value starts with '=' (input and output
 *       mapping sources, called element, candidate groups, correlation keys of messages ...) and
 *       the text of conditions and timers,</li>
 *   <li>the input expression of a decision the model calls from a business rule task (the
 *       decision reads process variables by name), or</li>
 *   <li>any of the above in a process the model calls (call activities pass all variables).</li>
 * </ul>
 * Workers receive exactly the variables their service task maps as inputs, so a value meant for a
 * worker is read through its input mapping. String literals in FEEL are removed before taking
 * identifiers, so {@code "RETURN_HOME"} does not count as reading a variable of that name. The
 * check is static and ignores order: it proves that no form asks for a value nobody uses, not that
 * the value is read after the form was completed.
 */
class FormsLinkTest {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Set<String> TIMER_AND_CONDITION = Set.of("conditionExpression", "timeDuration", "timeDate",
      "timeCycle");

  private static Map<String, FormSchema> formsById() {
    Map<String, FormSchema> forms = new HashMap<>();
    Models.forms().forEach((name, content) -> {
      FormSchema form = FormSchema.parse(content);
      assertThat(forms.put(form.id(), form)).as("form id " + form.id() + " is unique").isNull();
    });
    return forms;
  }

  private static Map<String, ExecutableProcess> processes() {
    Map<String, ExecutableProcess> processes = new HashMap<>();
    BpmnTransformer transformer = new BpmnTransformer(new ExpressionLanguage());
    Models.bpmn().forEach((name, content) -> transformer.transform(name, content).processes()
        .forEach(p -> processes.put(p.bpmnProcessId(), p)));
    return processes;
  }

  static Set<String> identifiers(String feel) {
    Set<String> names = new HashSet<>();
    Matcher matcher = IDENTIFIER.matcher(STRING_LITERAL.matcher(feel).replaceAll(" "));
    while (matcher.find()) {
      names.add(matcher.group());
    }
    return names;
  }

  /** Names read by FEEL in one BPMN resource, and the decisions and processes it calls. */
  private record Reads(Set<String> names, Set<String> decisions, Set<String> processes) {}

  private static Reads reads(byte[] bpmn) {
    Document dom = Models.dom(bpmn);
    Reads reads = new Reads(new HashSet<>(), new HashSet<>(), new HashSet<>());
    NodeList all = dom.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element element = (Element) all.item(i);
      NamedNodeMap attributes = element.getAttributes();
      for (int a = 0; a < attributes.getLength(); a++) {
        String value = ((Attr) attributes.item(a)).getValue().trim();
        if (value.startsWith("=")) {
          reads.names().addAll(identifiers(value.substring(1)));
        }
      }
      if (Models.BPMN.equals(element.getNamespaceURI()) && TIMER_AND_CONDITION.contains(element.getLocalName())) {
        reads.names().addAll(identifiers(element.getTextContent().trim().replaceFirst("^=", "")));
      }
      if (Models.ZEEBE.equals(element.getNamespaceURI()) && "calledDecision".equals(element.getLocalName())) {
        reads.decisions().add(element.getAttribute("decisionId"));
      }
      if (Models.ZEEBE.equals(element.getNamespaceURI()) && "calledElement".equals(element.getLocalName())) {
        reads.processes().add(element.getAttribute("processId"));
      }
    }
    return reads;
  }

  /** The names each decision's input expressions read, by decision id. */
  private static Map<String, Set<String>> decisionInputs() {
    Map<String, Set<String>> inputs = new HashMap<>();
    Models.dmn().forEach((name, content) -> {
      NodeList decisions = Models.dom(content).getElementsByTagNameNS(Models.DMN, "decision");
      for (int i = 0; i < decisions.getLength(); i++) {
        Element decision = (Element) decisions.item(i);
        Set<String> names = inputs.computeIfAbsent(decision.getAttribute("id"), id -> new HashSet<>());
        NodeList expressions = decision.getElementsByTagNameNS(Models.DMN, "inputExpression");
        for (int e = 0; e < expressions.getLength(); e++) {
          names.addAll(identifiers(expressions.item(e).getTextContent()));
        }
      }
    });
    return inputs;
  }

  /** Everything a process reads, including its decisions and (transitively) the processes it calls. */
  private static Set<String> readByProcess(String processId, Map<String, Reads> byProcess,
      Map<String, Set<String>> decisionInputs, Set<String> visited) {
    Set<String> names = new HashSet<>();
    Reads reads = byProcess.get(processId);
    if (reads == null || !visited.add(processId)) {
      return names;
    }
    names.addAll(reads.names());
    reads.decisions().forEach(d -> names.addAll(decisionInputs.getOrDefault(d, Set.of())));
    reads.processes().forEach(p -> names.addAll(readByProcess(p, byProcess, decisionInputs, visited)));
    return names;
  }

  private static Map<String, Reads> readsByProcess() {
    Map<String, Reads> byProcess = new HashMap<>();
    Models.bpmn().forEach((name, content) -> {
      NodeList processes = Models.dom(content).getElementsByTagNameNS(Models.BPMN, "process");
      Reads reads = reads(content);
      for (int i = 0; i < processes.getLength(); i++) {
        byProcess.put(((Element) processes.item(i)).getAttribute("id"), reads);
      }
    });
    return byProcess;
  }

  private static List<ExecutableFlowNode> userTasks(ExecutableProcess process) {
    return process.nodes().values().stream().filter(n -> n.type() == BpmnElementType.USER_TASK).toList();
  }

  @Test
  void everyUserTaskLinksAnExistingFormAndNamesItsCandidates() {
    Map<String, FormSchema> forms = formsById();
    Set<String> linked = new HashSet<>();
    for (ExecutableProcess process : processes().values()) {
      assertThat(userTasks(process)).as(process.bpmnProcessId()).isNotEmpty();
      for (ExecutableFlowNode task : userTasks(process)) {
        String formId = task.userTask().formId();
        assertThat(formId).as(task.id() + " links a form").isNotNull();
        assertThat(forms).as(task.id() + " links an existing form").containsKey(formId);
        assertThat(task.userTask().candidateGroups()).as(task.id() + " has candidate groups").isNotNull();
        linked.add(formId);
      }
    }
    // and no form is left over without a task
    assertThat(linked).containsExactlyInAnyOrderElementsOf(forms.keySet());
  }

  @Test
  void everyFormFieldIsAVariableTheModelReads() {
    Map<String, FormSchema> forms = formsById();
    Map<String, Reads> byProcess = readsByProcess();
    Map<String, Set<String>> decisionInputs = decisionInputs();
    List<String> unread = new ArrayList<>();
    for (ExecutableProcess process : processes().values()) {
      Set<String> read = readByProcess(process.bpmnProcessId(), byProcess, decisionInputs, new HashSet<>());
      for (ExecutableFlowNode task : userTasks(process)) {
        for (FormField field : forms.get(task.userTask().formId()).fields()) {
          if (!read.contains(field.path().get(0))) {
            unread.add(process.bpmnProcessId() + "/" + task.id() + " (" + task.userTask().formId() + "): "
                + field.name());
          }
        }
      }
    }
    assertThat(unread).as("form fields that no expression, mapping or decision of the model reads").isEmpty();
  }

  @Test
  void theStaticCheckWouldCatchAnUnusedField() {
    // the rule itself: literals do not count, identifiers in expressions do
    assertThat(identifiers("departureKind = \"RETURN_HOME\" and age >= 16")).contains("departureKind", "age")
        .doesNotContain("RETURN_HOME");
    Set<String> read = new TreeSet<>(readByProcess("relief-case", readsByProcess(), decisionInputs(), new HashSet<>()));
    assertThat(read).contains("province", "canPayFoodAndLodging", "suspectedMentalDisorder", "fingerprintsTaken")
        .doesNotContain("someFieldNobodyReads");
  }
}
