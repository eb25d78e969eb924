package cn.relief.workers;

/** Error codes of the BPMN errors the workers throw (the models' error boundary events catch them). */
public final class ErrorCodes {

  /** {@code relief.return-ticket}: cash asked for exceeds the province's cap for short local fares. */
  public static final String RETURN_FARE_CASH_ABOVE_CAP = "RETURN_FARE_CASH_ABOVE_CAP";

  /** {@code relief.care-arrangement}: the area breaks separate quarters for men, women and minors. */
  public static final String ACCOMMODATION_RULE_VIOLATED = "ACCOMMODATION_RULE_VIOLATED";

  /** {@code relief.case-archive}: the closure review says the records are incomplete. */
  public static final String RECORDS_INCOMPLETE = "RECORDS_INCOMPLETE";

  /** {@code relief.escort-request}: a minor or a person who cannot move about has no collector named. */
  public static final String COLLECTOR_REQUIRED = "COLLECTOR_REQUIRED";

  private ErrorCodes() {}
}
