package cn.relief.workers;

/**
 * The job types of the service tasks (and task listeners) in the relief models ({@code processes/*.bpmn}, attribute
 * {@code zeebe:taskDefinition type}). Every type has exactly one {@code @JobWorker}; a test reads
 * the models and checks it.
 */
public final class JobTypes {

  public static final String NATIONAL_REGISTRATION = "relief.national-registration";
  public static final String BIOMETRIC_COMPARISON = "relief.biometric-comparison";
  public static final String TRACING_NOTICE = "relief.tracing-notice";
  public static final String DNA_REQUEST = "relief.dna-request";
  public static final String POLICE_REFERRAL = "relief.police-referral";
  public static final String NOTICE_PDF = "relief.notice-pdf";
  public static final String ESCORT_REQUEST = "relief.escort-request";
  public static final String RETURN_TICKET = "relief.return-ticket";
  public static final String LINKAGE_REFERRAL = "relief.linkage-referral";
  public static final String TRANSFER_REFERRAL = "relief.transfer-referral";
  public static final String ESCALATION_REQUEST = "relief.escalation-request";
  public static final String STAY_EXTENSION_FILING = "relief.stay-extension-filing";
  public static final String WORKING_DAY_DEADLINE = "relief.working-day-deadline";
  public static final String DEADLINE_REMINDER = "relief.deadline-reminder";
  public static final String EMERGENCY_MEDICAL_REFERRAL = "relief.emergency-medical-referral";
  public static final String MEDICAL_RECORD = "relief.medical-record";
  public static final String CARE_ARRANGEMENT = "relief.care-arrangement";
  public static final String DEATH_REGISTRATION = "relief.death-registration";
  public static final String CASE_ARCHIVE = "relief.case-archive";
  /** A completing task listener of the registration, not a service task. */
  public static final String ID_NUMBER_CHECK = "relief.id-number-check";
  public static final String TEMPORARY_GUARDIANSHIP = "relief.temporary-guardianship";
  public static final String POLICE_REPORT = "relief.police-report";
  public static final String PROTECTION_ORDER_APPLICATION = "relief.protection-order-application";
  public static final String GUARDIANSHIP_REVOCATION = "relief.guardianship-revocation";
  public static final String ASSISTANCE_PAYMENT = "relief.assistance-payment";
  public static final String LINKAGE_OUTCOME = "relief.linkage-outcome";
  public static final String ESCALATION_REPORT = "relief.escalation-report";
  public static final String ASSISTANCE_DISPATCH = "relief.assistance-dispatch";
  public static final String ESCORT_NOTIFICATION = "relief.escort-notification";
  public static final String CROSS_PROVINCE_ESCORT_BOOKING = "relief.cross-province-escort-booking";
  public static final String COLLECTIVE_HUKOU = "relief.collective-hukou";
  public static final String RESETTLEMENT_REQUEST = "relief.resettlement-request";
  public static final String START_RELIEF_CASE = "relief.start-relief-case";
  public static final String PATROL_ADVICE_RECORD = "relief.patrol-advice-record";

  private JobTypes() {}
}
