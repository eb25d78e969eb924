package cn.relief.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.UserTask;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Relief cases of the station alone, end to end: the case ends where the rules lead it, with its documents. */
class ReliefCaseScenarioIT extends ScenarioSupport {


  @Test
  void anAdultIdentifiedAtOnceIsSentHome() {
    long instance = start("relief-case", Map.of());
    complete(instance, "UserTask_intake", Map.of("intakeChannel", "SELF_REFERRAL", "province", "广东省"));
    complete(instance, "UserTask_doorScreening", Map.of("suspectedMentalDisorder", false, "dangerToOthers", false));
    complete(instance, "UserTask_registration", registration(45, "VAGRANCY_OR_BEGGING"));
    complete(instance, "UserTask_securityCheck", Map.of("belongings", "身份证一张、手机一部", "belongingsHeld", true,
        "fingerprintsTaken", true, "photoTaken", true));
    // registration in the national system, care arrangement and the biometric comparison are the workers'
    complete(instance, "UserTask_needsAssessment", Map.of("accommodationArea", "MALE_AREA"));
    complete(instance, "UserTask_departure", Map.of("departureKind", "RETURN_HOME", "departureDate", "2026-12-02",
        "destination", "湖南省长沙市", "cashAmount", 15));
    complete(instance, "UserTask_closure", Map.of("recordsComplete", true));

    awaitState(instance, ProcessInstanceState.COMPLETED);
    Map<String, Object> variables = variables(instance);
    assertThat((String) variables.get("caseNumber")).startsWith("JZ-");
    assertThat(variables).containsKey("ticketBookingNo").containsKey("archiveDocumentId");
    assertThat(passed(instance)).contains("ServiceTask_nationalRegistration", "ServiceTask_returnTicket",
        "ServiceTask_archive").doesNotContain("UserTask_tracingNotice", "ServiceTask_escalationRequest");
  }

  @Test
  void anApplicantWhoCanPayIsRefusedWithAWrittenNoticeInChinese() throws Exception {
    long instance = start("relief-case", Map.of());
    complete(instance, "UserTask_intake", Map.of("intakeChannel", "PUBLIC_REPORT", "province", "北京市"));
    complete(instance, "UserTask_doorScreening", Map.of());
    complete(instance, "UserTask_registration", registration(30, "OTHER"));
    complete(instance, "UserTask_securityCheck", Map.of("belongings", "背包一个"));
    complete(instance, "UserTask_refusalReview",
        Map.of("refusalConfirmed", true, "refusalNote", "本人有现金，可自行解决食宿"));

    awaitState(instance, ProcessInstanceState.COMPLETED);
    assertThat(passed(instance)).contains("ServiceTask_refusalNotice", "EndEvent_refused")
        .doesNotContain("SubProcess_care");
    assertThat(pdfText((String) variables(instance).get("noticeDocumentId"))).contains("不予救助").contains("食宿");
  }

  @Test
  void aMedicalEmergencyAtTheDoorGoesToHospitalFirstAndIsRegisteredOnReturn() {
    long instance = start("relief-case", Map.of());
    complete(instance, "UserTask_intake", Map.of("intakeChannel", "SELF_REFERRAL", "province", "浙江省"));
    complete(instance, "UserTask_doorScreening", Map.of("criticalIllnessOrInjury", true,
        "screeningNote", "腿部外伤出血，意识清醒"));
    // the emergency referral is the worker's; the caseworker records the hospital's outcome
    complete(instance, "UserTask_medicalOutcome", Map.of("hospitalName", "杭州市第一人民医院",
        "dischargeCertificateNo", "CY-2026-1130", "usedEmergencyMedicalFund", true, "returnedToStation", true));
    complete(instance, "UserTask_registration", registration(52, "VAGRANCY_OR_BEGGING"));
    complete(instance, "UserTask_securityCheck", Map.of("belongings", "病历一份", "fingerprintsTaken", true,
        "photoTaken", true));
    complete(instance, "UserTask_needsAssessment", Map.of("accommodationArea", "MALE_AREA"));
    complete(instance, "UserTask_departure", Map.of("departureKind", "RETURN_HOME", "departureDate", "2026-12-04",
        "destination", "安徽省合肥市", "cashAmount", 0));
    complete(instance, "UserTask_closure", Map.of("recordsComplete", true));

    awaitState(instance, ProcessInstanceState.COMPLETED);
    Map<String, Object> variables = variables(instance);
    assertThat(variables).containsKey("emergencyReferralNo").containsKey("medicalRecordDocumentId");
    assertThat(documents.read((String) variables.get("medicalRecordDocumentId"))).isPresent();
    assertThat(passed(instance)).contains("ServiceTask_emergencyReferral", "UserTask_medicalOutcome",
        "ServiceTask_medicalRecord", "Gateway_backFromHospital", "UserTask_registration");
  }

  @Test
  void aRegistrationWithAWrongCheckCharacterIsRefusedAndStaysOpen() {
    long instance = start("relief-case", Map.of());
    complete(instance, "UserTask_intake", Map.of("intakeChannel", "SELF_REFERRAL", "province", "广东省"));
    complete(instance, "UserTask_doorScreening", Map.of());
    UserTask registration = awaitTask(instance, "UserTask_registration");
    Map<String, Object> mistyped = registration(45, "VAGRANCY_OR_BEGGING");
    mistyped.put("idNumber", "110105194912310021"); // the form's pattern accepts it; the check character is wrong

    Throwable refused = catchThrowable(() -> client.newCompleteUserTaskCommand(registration.getUserTaskKey())
        .variables(mistyped).send().join());
    assertThat(refused).isInstanceOf(ProblemException.class).hasMessageContaining("校验位");
    assertThat(((ProblemException) refused).details().getStatus()).isEqualTo(409);

    client.newCompleteUserTaskCommand(registration.getUserTaskKey())
        .variables(registration(45, "VAGRANCY_OR_BEGGING")).send().join();
    awaitTask(instance, "UserTask_securityCheck");
    client.newCancelInstanceCommand(instance).send().join();
  }

}
