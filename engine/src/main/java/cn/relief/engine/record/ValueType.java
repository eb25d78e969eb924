package cn.relief.engine.record;

/** The kind of thing a record is about; names as in Zeebe's record stream. */
public enum ValueType {
  DEPLOYMENT(DeploymentRecord.class),
  PROCESS(ProcessRecord.class),
  PROCESS_INSTANCE(ProcessInstanceRecord.class),
  PROCESS_INSTANCE_CREATION(ProcessInstanceCreationRecord.class),
  PROCESS_INSTANCE_MIGRATION(ProcessInstanceMigrationRecord.class),
  BATCH_OPERATION(BatchOperationRecord.class),
  PROCESS_INSTANCE_MODIFICATION(ProcessInstanceModificationRecord.class),
  VARIABLE(VariableRecord.class),
  VARIABLE_DOCUMENT(VariableDocumentRecord.class),
  JOB(JobRecord.class),
  USER_TASK(UserTaskRecord.class),
  INCIDENT(IncidentRecord.class),
  MESSAGE(MessageRecord.class),
  TIMER(TimerRecord.class),
  MESSAGE_SUBSCRIPTION(MessageSubscriptionRecord.class),
  MESSAGE_START_EVENT_SUBSCRIPTION(MessageStartEventSubscriptionRecord.class),
  MESSAGE_CORRELATION(MessageCorrelationRecord.class),
  SIGNAL(SignalRecord.class),
  SIGNAL_SUBSCRIPTION(SignalSubscriptionRecord.class),
  ESCALATION(EscalationRecord.class),
  CLOCK(ClockRecord.class),
  COMPENSATION_SUBSCRIPTION(CompensationSubscriptionRecord.class),
  DECISION(DecisionRecord.class),
  DECISION_REQUIREMENTS(DecisionRequirementsRecord.class),
  DECISION_EVALUATION(DecisionEvaluationRecord.class),
  FORM(FormRecord.class),
  USER(UserRecord.class),
  GROUP(GroupRecord.class),
  ROLE(RoleRecord.class),
  AUTHORIZATION(AuthorizationRecord.class);

  private final Class<? extends RecordValue> valueClass;

  ValueType(Class<? extends RecordValue> valueClass) {
    this.valueClass = valueClass;
  }

  public Class<? extends RecordValue> valueClass() {
    return valueClass;
  }
}
