package cn.relief.app.dashboard;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The stages of a relief case ({@code relief-case.bpmn}), in the order a case goes through them;
 * each groups the model's activities and waits. {@code CaseStageTest} checks that every activity
 * of the model belongs to one, so a changed model cannot silently drop cases from the dashboard.
 */
public enum CaseStage {
  INTAKE("UserTask_intake", "BusinessRuleTask_timeLimits", "UserTask_doorScreening", "ServiceTask_emergencyReferral",
      "UserTask_medicalOutcome", "ServiceTask_medicalRecord", "ServiceTask_policeReferral"),
  REGISTRATION("UserTask_registration", "UserTask_securityCheck", "ServiceTask_nationalRegistration"),
  ADMISSION("BusinessRuleTask_admission", "UserTask_refusalReview", "ServiceTask_refusalNotice",
      "BusinessRuleTask_linkages", "ServiceTask_linkageReferral"),
  CARE("SubProcess_care", "UserTask_needsAssessment", "ServiceTask_careArrangement", "BusinessRuleTask_escalation",
      "UserTask_stayExtension", "ServiceTask_extensionFiling"),
  TRACING("CallActivity_familyTracing"),
  ESCALATION("BusinessRuleTask_jointHandling", "ServiceTask_escalationRequest", "ReceiveTask_escalationOutcome",
      "BusinessRuleTask_escalationStranded", "ServiceTask_escalationRequestStranded", "ReceiveTask_strandedOutcome"),
  DEPARTURE("UserTask_departure", "ServiceTask_returnTicket", "ServiceTask_followUpReferral", "ServiceTask_escort", "ServiceTask_transfer",
      "ServiceTask_departureNotice", "ServiceTask_death", "BusinessRuleTask_escalationEscort",
      "ServiceTask_escalationRequestEscort", "ReceiveTask_escortOutcome", "ServiceTask_escortByStation",
      "TimerEvent_deathNotice", "ServiceTask_resettlementRequest", "ServiceTask_escortReportReminder"),
  CLOSURE("UserTask_closure", "ServiceTask_archive", "UserTask_completeRecords");

  private static final Map<String, CaseStage> BY_ELEMENT = Stream.of(values())
      .flatMap(stage -> stage.elementIds.stream().map(id -> Map.entry(id, stage)))
      .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

  private final Set<String> elementIds;

  CaseStage(String... elementIds) {
    this.elementIds = Set.of(elementIds);
  }

  /** The stage an element of {@code relief-case} belongs to; gateways and events pass too fast to count. */
  public static Optional<CaseStage> ofElement(String elementId) {
    return Optional.ofNullable(BY_ELEMENT.get(elementId));
  }

  /**
   * The stage of a case from its active elements: the furthest one, since parallel branches (an
   * escalation awaiting the centre's answer while tracing goes on) leave several active at once.
   */
  public static Optional<CaseStage> ofActiveElements(Collection<String> elementIds) {
    return elementIds.stream().map(CaseStage::ofElement).flatMap(Optional::stream).max(Enum::compareTo);
  }

  public String messageKey() {
    return "dashboard.stage." + name();
  }
}
