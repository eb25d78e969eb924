package cn.relief.app.dashboard;

/**
 * The legal time limits the dashboard follows, each the step of a model that must finish in time
 * and where its limit comes from (the {@code time-limits} decision's outputs, as the models use them).
 */
public enum Deadline {
  /** The tracing notice within 24 hours of admission (family-tracing). */
  TRACING_NOTICE("family-tracing", "UserTask_tracingNotice", "noticeWithin", "PT24H"),
  /** The DNA request to the police within 7 working days: its due date the worker computed. */
  DNA_REQUEST("family-tracing", "UserTask_dnaRequest", "dnaRequestDueDate", "P7D"),
  /** The 10-day stay in the station's care (relief-case), extended only with a filing. */
  STAY("relief-case", "SubProcess_care", "stayLimit", "P10D"),
  /** The adult's stay in the domestic-violence shelter, 10 days unless filed for longer. */
  SHELTER_STAY("domestic-violence-shelter", "UserTask_shelterStay", "shelterStayLimit", "P10D"),
  /** Resettlement when the identity is still unknown after 3 months (family-tracing). */
  RESETTLEMENT("family-tracing", "ReceiveTask_awaitIdentity", "resettlementAfter", "P3M");

  private final String processId;
  private final String elementId;
  private final String limitVariable;
  private final String defaultLimit;

  Deadline(String processId, String elementId, String limitVariable, String defaultLimit) {
    this.processId = processId;
    this.elementId = elementId;
    this.limitVariable = limitVariable;
    this.defaultLimit = defaultLimit;
  }

  public String processId() {
    return processId;
  }

  public String elementId() {
    return elementId;
  }

  /** The variable holding the period (or, for the DNA request, the due date itself). */
  public String limitVariable() {
    return limitVariable;
  }

  /** The period the models fall back to when the decision gave none. */
  public String defaultLimit() {
    return defaultLimit;
  }

  /** Whether {@link #limitVariable()} holds a date rather than a period. */
  public boolean limitIsDueDate() {
    return this == DNA_REQUEST;
  }

  public String messageKey() {
    return "dashboard.deadline." + name();
  }
}
