package cn.relief.workers;

/** Message names of the relief models; both are correlated on {@code caseNumber}. */
public final class Messages {

  /** Ends the wait of {@code family-tracing} (receive task {@code ReceiveTask_awaitIdentity}). */
  public static final String IDENTITY_FOUND = "relief-identity-found";

  /** Interrupts the in-station care of {@code relief-case} (boundary {@code BoundaryEvent_personLeaves}). */
  public static final String PERSON_LEAVES = "relief-person-leaves";

  /** Starts {@code resettlement} (message start event {@code StartEvent_resettlementRequested}). */
  public static final String RESETTLEMENT_REQUESTED = "relief-resettlement-requested";

  private Messages() {}
}
