package cn.relief.workers;

/** Message names of the relief models; all are correlated on {@code caseNumber}. */
public final class Messages {

  /** Ends the wait of {@code family-tracing} (receive task {@code ReceiveTask_awaitIdentity}). */
  public static final String IDENTITY_FOUND = "relief-identity-found";

  /** Interrupts the in-station care of {@code relief-case} (boundary {@code BoundaryEvent_personLeaves}). */
  public static final String PERSON_LEAVES = "relief-person-leaves";

  /** Starts {@code temporary-assistance} (message start event), published by the linkage referral. */
  public static final String LINKAGE_TEMPORARY_ASSISTANCE = "relief-linkage-temporary-assistance";

  /** Starts {@code extremely-poor-support}: the linkage referral, or resettlement after the collective hukou. */
  public static final String LINKAGE_EXTREMELY_POOR_SUPPORT = "relief-linkage-extremely-poor-support";

  /** Starts {@code minor-protection}, published by the linkage referral. */
  public static final String LINKAGE_MINOR_PROTECTION = "relief-linkage-minor-protection";

  /** Starts {@code domestic-violence-shelter}, published by the linkage referral. */
  public static final String LINKAGE_DOMESTIC_VIOLENCE_SHELTER = "relief-linkage-domestic-violence-shelter";

  /** The court's ruling on a protection order ({@code domestic-violence-shelter}, {@code ReceiveTask_ruling}). */
  public static final String PROTECTION_ORDER_RULED = "relief-protection-order-ruled";

  /** Starts {@code regional-escalation} at the regional centre (message start event). */
  public static final String ESCALATION_RECEIVED = "relief-escalation-received";

  /** The regional centre's report back to the station ({@code relief.escalation-report}). */
  public static final String ESCALATION_OUTCOME = "relief-escalation-outcome";

  /** Starts {@code resettlement} (message start event {@code StartEvent_resettlementRequested}). */
  public static final String RESETTLEMENT_REQUESTED = "relief-resettlement-requested";

  /** Starts {@code return-follow-up}: a person went home, the hometown's civil affairs help follow up. */
  public static final String RETURN_FOLLOW_UP = "relief-return-follow-up";

  private Messages() {}
}
