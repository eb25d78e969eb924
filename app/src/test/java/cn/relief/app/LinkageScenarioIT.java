package cn.relief.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.relief.workers.notifications.SimulatedAgencyNotifications;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.OwnerType;
import io.camunda.client.api.search.enums.PermissionType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.ResourceType;
import io.camunda.client.api.search.response.UserTask;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cases linked to the other assistance systems (衔接): a minor into temporary guardianship, a victim
 * of domestic violence into the shelter with a protection order; the linkage processes start from
 * the station's case by message and keep what must stay confidential out of sight.
 */
class LinkageScenarioIT extends ScenarioSupport {

  @Autowired SimulatedAgencyNotifications notifications;

  @Test
  void aMinorFoundBeggingIsTakenIntoTemporaryGuardianshipReportedToThePoliceAndKeptConfidential() {
    long reliefCase = start("relief-case", Map.of());
    complete(reliefCase, "UserTask_intake", Map.of("intakeChannel", "STREET_PATROL", "province", "广东省"));
    complete(reliefCase, "UserTask_doorScreening", Map.of());
    Map<String, Object> minor = registration(10, "VAGRANCY_OR_BEGGING");
    minor.remove("idNumber");
    minor.put("fullName", "李小明");
    complete(reliefCase, "UserTask_registration", minor);
    complete(reliefCase, "UserTask_securityCheck", Map.of("belongings", "书包", "photoTaken", true));
    String caseNumber = caseNumber(reliefCase);

    // civil affairs takes temporary guardianship at once (the worker), then the harm check
    long protection = instanceOf("minor-protection", caseNumber);
    complete(protection, "UserTask_harmCheck", Map.of("harmSuspected", true,
        "harmDescription", "身上多处淤青，疑被他人组织乞讨"));
    UserTask assessment = awaitTask(protection, "UserTask_assessment");
    assertThat(Duration.between(OffsetDateTime.now(), OffsetDateTime.parse(assessment.getDueDate().toString())))
        .isBetween(Duration.ofDays(29), Duration.ofDays(30));
    assertThat(passed(protection)).as("the police are told before the assessment")
        .contains("ServiceTask_temporaryGuardianship", "ServiceTask_policeReport");
    var report = notifications.sent().stream()
        .filter(n -> caseNumber.equals(n.caseNumber()) && n.details().containsValue("MINOR_HARM")).findFirst();
    assertThat(report).as("police report of case " + caseNumber).isPresent();
    assertThat(report.get().details().toString()).doesNotContain("李小明");
    complete(protection, "UserTask_assessment", Map.of("placement", "RETURN_TO_GUARDIAN",
        "assessmentNote", "父亲已到站，经核实具备监护条件，承诺送其返校"));
    complete(protection, "UserTask_handover", Map.of("guardianName", "李某", "guardianIdNumber", "11010519491231002X",
        "handoverDate", "2026-12-20"));
    awaitState(protection, ProcessInstanceState.COMPLETED);
    assertThat(variables(protection)).containsEntry("minorConfidential", true).containsKey("guardianshipNo")
        .containsKey("policeReportNo");

    // a station clerk who may read relief cases but not minor protection does not see the minor's file
    String clerk = "clerk-" + caseNumber.hashCode();
    client.newCreateUserCommand().username(clerk).password("pass-" + clerk).name(clerk).email(clerk + "@relief.example")
        .send().join();
    client.newCreateAuthorizationCommand().ownerId(clerk).ownerType(OwnerType.USER).resourceId("relief-case")
        .resourceType(ResourceType.PROCESS_DEFINITION)
        .permissionTypes(PermissionType.READ_PROCESS_INSTANCE, PermissionType.READ_PROCESS_DEFINITION).send().join();
    try (CamundaClient clerkClient = clientAs(clerk, "pass-" + clerk)) {
      assertThat(clerkClient.newProcessInstanceGetRequest(reliefCase).send().join().getProcessDefinitionId())
          .isEqualTo("relief-case");
      Throwable refused = catchThrowable(() -> clerkClient.newProcessInstanceGetRequest(protection).send().join());
      assertThat(refused).isInstanceOf(ProblemException.class);
      assertThat(((ProblemException) refused).details().getStatus()).isEqualTo(403);
      assertThat(clerkClient.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId("minor-protection"))
          .send().join().items()).isEmpty();
      assertThat(clerkClient.newVariableSearchRequest().filter(f -> f.processInstanceKey(protection))
          .send().join().items()).isEmpty();
    }
    client.newCancelInstanceCommand(reliefCase).send().join();
  }

  @Test
  void aVictimOfDomesticViolenceIsShelteredAndTheCourtGrantsAnUrgentProtectionOrder() throws Exception {
    long reliefCase = start("relief-case", Map.of());
    complete(reliefCase, "UserTask_intake", Map.of("intakeChannel", "POLICE_ESCORT", "policeHandoverFormNo", "JH-2026-31",
        "province", "广西壮族自治区"));
    complete(reliefCase, "UserTask_doorScreening", Map.of());
    Map<String, Object> victim = registration(32, "DOMESTIC_VIOLENCE");
    victim.put("fullName", "韦某某");
    victim.put("gender", "FEMALE");
    victim.put("livingByVagrancyOrBegging", false);
    complete(reliefCase, "UserTask_registration", victim);
    complete(reliefCase, "UserTask_securityCheck", Map.of("belongings", "手机一部"));
    String caseNumber = caseNumber(reliefCase);

    long shelter = instanceOf("domestic-violence-shelter", caseNumber);
    complete(shelter, "UserTask_reception", Map.of("abuseDescription", "长期遭丈夫殴打，有医院伤情诊断",
        "lacksFullCapacity", false, "victimConsentsToReport", true, "accompanyingChildren", 1));
    complete(shelter, "UserTask_safetyAssessment", Map.of("riskLevel", "HIGH", "needs", "医疗、法律援助、子女照料",
        "servicePlan", "入住庇护点，联系法律援助，协助申请人身安全保护令", "shelterLocation", "某区庇护点甲",
        "applyProtectionOrder", true, "urgent", true, "respondentName", "王某", "court", "某区人民法院"));

    // the simulated court rules a little later and its ruling reaches the waiting shelter case by message
    Awaitility.await("the court's ruling").atMost(WAIT).pollInterval(Duration.ofMillis(300))
        .until(() -> passed(shelter).contains("ReceiveTask_ruling"));
    complete(shelter, "UserTask_shelterStay", Map.of("leavingDate", "2026-12-18", "leavingArrangement", "RELATIVES",
        "leavingNote", "投靠姐姐"));
    awaitState(shelter, ProcessInstanceState.COMPLETED);

    Map<String, Object> variables = variables(shelter);
    assertThat(variables).containsEntry("protectionOrderGranted", true).containsKey("protectionOrderNo");
    LocalDate validUntil = LocalDate.parse((String) variables.get("protectionOrderValidUntil"));
    // the court dates its order in China time: from 16:00 UTC that is already tomorrow here
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    assertThat(validUntil).isBefore(today.plusMonths(6).plusDays(1)).isAfter(today);
    String application = pdfText((String) variables.get("protectionOrderDocumentId"));
    assertThat(application).contains("人身安全保护令申请书").contains("王某").doesNotContain("庇护点甲");
    assertThat(passed(shelter)).contains("ServiceTask_policeReport", "ServiceTask_protectionOrderApplication",
        "ReceiveTask_ruling");
    assertThat(notifications.sent().stream().filter(n -> caseNumber.equals(n.caseNumber()))
        .map(n -> n.details().toString())).noneMatch(details -> details.contains("庇护点甲"));
    client.newCancelInstanceCommand(reliefCase).send().join();
  }

  private CamundaClient clientAs(String user, String password) {
    return CamundaClient.newClientBuilder()
        .restAddress(URI.create("http://localhost:" + httpPort)).grpcAddress(URI.create("http://localhost:" + grpcPort))
        .preferRestOverGrpc(true)
        .credentialsProvider(CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
            .username(user).password(password).build())
        .build();
  }

}
