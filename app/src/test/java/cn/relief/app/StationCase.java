package cn.relief.app;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * A relief case of the Tianhe station worked by its own people through their own clients (so the
 * audit trail names them): the caseworker takes an adult from intake to departure, the station
 * head closes the file. For the audit pages' tests, which need a case with a history.
 */
public final class StationCase {
  public static final String STATION = "org-station-tianhe";
  /** The ID number {@link ScenarioSupport#registration} gives the person, and as others see it. */
  public static final String ID_NUMBER = "11010519491231002X";
  public static final String MASKED_ID_NUMBER = "1101**********002X";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final CamundaClient caseworker;
  private final CamundaClient head;
  private final long instance;

  private StationCase(CamundaClient caseworker, CamundaClient head, long instance) {
    this.caseworker = caseworker;
    this.head = head;
    this.instance = instance;
  }

  /** Starts a case at the station as the caseworker and takes in the person (intake done). */
  public static StationCase start(CamundaClient caseworker, CamundaClient head) {
    long instance = caseworker.newCreateInstanceCommand().bpmnProcessId("relief-case").latestVersion()
        .variables(Map.of("stationId", STATION)).send().join().getProcessInstanceKey();
    StationCase reliefCase = new StationCase(caseworker, head, instance);
    reliefCase.complete(caseworker, "UserTask_intake", Map.of("intakeChannel", "SELF_REFERRAL", "province", "广东省"));
    return reliefCase;
  }

  /** The adult is registered, cared for and sent home; the head closes the file; the case completes. */
  public StationCase sendHome() {
    complete(caseworker, "UserTask_doorScreening", Map.of("suspectedMentalDisorder", false, "dangerToOthers", false));
    complete(caseworker, "UserTask_registration", ScenarioSupport.registration(45, "VAGRANCY_OR_BEGGING"));
    complete(caseworker, "UserTask_securityCheck", Map.of("belongings", "身份证一张、手机一部", "belongingsHeld", true,
        "fingerprintsTaken", true, "photoTaken", true));
    complete(caseworker, "UserTask_needsAssessment", Map.of("accommodationArea", "MALE_AREA"));
    complete(caseworker, "UserTask_departure", Map.of("departureKind", "RETURN_HOME", "departureDate", "2026-12-02",
        "destination", "湖南省长沙市", "cashAmount", 15));
    complete(head, "UserTask_closure", Map.of("recordsComplete", true));
    Awaitility.await("case completed").atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> caseworker.newProcessInstanceGetRequest(instance).send().join().getState(),
            ProcessInstanceState.COMPLETED::equals);
    return this;
  }

  public long instance() {
    return instance;
  }

  /** The number the national registration gave the case. */
  public String caseNumber() {
    return Awaitility.await("case number").atMost(WAIT).pollInterval(Duration.ofMillis(100))
        .until(() -> caseworker.newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(instance).scopeKey(instance).name("caseNumber")).send().join().items()
            .stream().findFirst().map(v -> v.getValue().replace("\"", "")).orElse(null), java.util.Objects::nonNull);
  }

  private void complete(CamundaClient user, String elementId, Map<String, Object> variables) {
    UserTask task = Awaitility.await(elementId).atMost(WAIT).pollInterval(Duration.ofMillis(100))
        .until(() -> user.newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(instance).elementId(elementId).state(UserTaskState.CREATED))
            .send().join().items(), items -> !items.isEmpty()).get(0);
    user.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(variables).send().join();
  }
}
