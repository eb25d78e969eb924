package cn.relief.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.workers.documents.DocumentStore;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The whole application for scenarios through the real client: the caseworkers' and the station
 * head's tasks are completed with their forms' fields, the workers (with the simulated outside
 * systems) do every service task. One application context serves every scenario class.
 */
@AppIT
abstract class ScenarioSupport {
  protected static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired protected CamundaClient client;
  @Autowired protected DocumentStore documents;
  @Value("${server.port}") protected int httpPort;
  @Value("${relief.engine.grpc.port}") protected int grpcPort;

  protected long start(String processId, Map<String, Object> variables) {
    return client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion().variables(variables).send()
        .join().getProcessInstanceKey();
  }

  /** Waits for the open task of the element in the instance (the workers may still be busy before it). */
  protected UserTask awaitTask(long instance, String elementId) {
    try {
      return Awaitility.await(elementId).atMost(WAIT).pollInterval(Duration.ofMillis(100))
          .until(() -> client.newUserTaskSearchRequest()
              .filter(f -> f.processInstanceKey(instance).elementId(elementId).state(UserTaskState.CREATED))
              .send().join().items(), items -> !items.isEmpty()).get(0);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("Expected task " + elementId + " to open, but the instance is at " + where(instance), e);
    }
  }

  /** Waits until the element of the instance is active (a wait state the test moves the clock past). */
  protected void awaitActive(long instance, String elementId) {
    try {
      Awaitility.await(elementId + " active").atMost(WAIT).pollInterval(Duration.ofMillis(100))
          .until(() -> client.newElementInstanceSearchRequest().filter(f -> f.processInstanceKey(instance)
              .elementId(elementId).state(ElementInstanceState.ACTIVE)).send().join().items(), items -> !items.isEmpty());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("Expected " + elementId + " to be active, but the instance is at " + where(instance), e);
    }
  }

  /** The active elements and open incidents of the instance, for a failure message. */
  protected String where(long instance) {
    Set<String> active = new TreeSet<>();
    client.newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(instance).state(ElementInstanceState.ACTIVE))
        .page(p -> p.limit(100)).send().join().items().forEach(e -> active.add(e.getElementId()));
    List<String> incidents = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(instance))
        .send().join().items().stream().map(i -> i.getElementId() + ": " + i.getErrorMessage()).toList();
    return "active " + active + ", incidents " + incidents;
  }

  /** Waits for the open task of the element in any instance of the process (a process started by a message). */
  protected UserTask awaitTask(String processId, String elementId) {
    return Awaitility.await(processId + " " + elementId).atMost(WAIT).pollInterval(Duration.ofMillis(100))
        .until(() -> client.newUserTaskSearchRequest()
            .filter(f -> f.bpmnProcessId(processId).elementId(elementId).state(UserTaskState.CREATED))
            .send().join().items(), items -> !items.isEmpty()).get(0);
  }

  /** The instance of the process (started by a message) that belongs to the case. */
  protected long instanceOf(String processId, String caseNumber) {
    return instanceWhere(processId, "caseNumber", caseNumber);
  }

  /** The instance of the process whose root variable has the value (an instance started by a message or signal). */
  protected long instanceWhere(String processId, String variable, Object value) {
    try {
      return Awaitility.await(processId + " with " + variable + " " + value).atMost(WAIT)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> client.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId(processId))
              .page(p -> p.limit(200)).send().join().items().stream()
              .map(i -> i.getProcessInstanceKey())
              .filter(key -> value.equals(variables(key).get(variable)))
              .findFirst(), java.util.Optional::isPresent).get();
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("Expected an instance of " + processId + " with " + variable + " " + value, e);
    }
  }

  /** The case number the national registration gave the relief case. */
  protected String caseNumber(long reliefCase) {
    return Awaitility.await("case number").atMost(WAIT).pollInterval(Duration.ofMillis(100))
        .until(() -> (String) variables(reliefCase).get("caseNumber"), java.util.Objects::nonNull);
  }

  /** Moves the engine's clock to now plus the duration (timers due before then fire). */
  protected void advanceClock(Duration by) {
    client.newPinClockCommand().time(System.currentTimeMillis() + by.toMillis()).send().join();
  }

  @org.junit.jupiter.api.AfterEach
  void resetClock() {
    client.newResetClockCommand().send().join();
  }

  protected UserTask complete(long instance, String elementId, Map<String, Object> variables) {
    UserTask task = awaitTask(instance, elementId);
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(variables).send().join();
    return task;
  }

  protected void awaitState(long instance, ProcessInstanceState state) {
    try {
      Awaitility.await("instance " + instance + " " + state).atMost(WAIT).pollInterval(Duration.ofMillis(200))
          .until(() -> client.newProcessInstanceGetRequest(instance).send().join().getState(), state::equals);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("Expected instance " + instance + " to be " + state + ", but it is at " + where(instance), e);
    }
  }

  /** The ids of the elements of the instance that completed, as the history shows them. */
  protected Set<String> passed(long instance) {
    Set<String> ids = new TreeSet<>();
    client.newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(instance).state(ElementInstanceState.COMPLETED))
        .page(p -> p.limit(500)).send().join().items().forEach(e -> ids.add(e.getElementId()));
    return ids;
  }

  protected Map<String, Object> variables(long instance) {
    Map<String, Object> variables = new HashMap<>();
    List<io.camunda.client.api.search.response.Variable> found = client.newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(instance).scopeKey(instance)).page(p -> p.limit(200)).send().join().items();
    for (var variable : found) {
      variables.put(variable.getName(), read(variable.getValue()));
    }
    return variables;
  }

  protected static Map<String, Object> registration(int age, String cause) {
    Map<String, Object> values = new HashMap<>();
    values.put("fullName", "张三");
    values.put("idNumber", "11010519491231002X");
    values.put("gender", "MALE");
    values.put("age", age);
    values.put("cause", cause);
    values.put("canGiveInformation", true);
    values.put("refusesTrueInformation", false);
    values.put("canPayFoodAndLodging", "OTHER".equals(cause));
    values.put("hasSupport", false);
    values.put("onSubsistenceAllowance", false);
    values.put("livingByVagrancyOrBegging", !"OTHER".equals(cause));
    values.put("hasDisability", false);
    return values;
  }

  /** The text of a PDF document a worker stored. */
  protected String pdfText(String documentId) throws Exception {
    assertThat(documentId).isNotBlank();
    return pdfText(documents.read(documentId).orElseThrow());
  }

  /** The text of a PDF (a download). */
  protected static String pdfText(byte[] pdf) throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }

  private static Object read(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Object.class);
    } catch (java.io.IOException e) {
      return json;
    }
  }
}
