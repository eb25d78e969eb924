package cn.relief.workers;

/** Message names of the relief models; every one is correlated on {@code caseNumber}. */
public final class Messages {

  /** Ends the wait of {@code family-tracing} (receive task {@code ReceiveTask_awaitIdentity}). */
  public static final String IDENTITY_FOUND = "relief-identity-found";

  /** Interrupts the in-station care of {@code relief-case} (boundary {@code BoundaryEvent_personLeaves}). */
  public static final String PERSON_LEAVES = "relief-person-leaves";

  /** Starts {@code regional-escalation} at the regional centre (message start event). */
  public static final String ESCALATION_RECEIVED = "relief-escalation-received";

  /** The regional centre's report back to the station ({@code relief.escalation-report}). */
  public static final String ESCALATION_OUTCOME = "relief-escalation-outcome";

  private Messages() {}
}
