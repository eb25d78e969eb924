package cn.relief.workers.hukou;

/**
 * The police's household registration (户籍登记): after the government approved the placement plan,
 * the police register a person whose identity stayed unknown on the collective hukou (集体户口) of
 * the placing institution, within the local limit (e.g. 20 working days, decision table time-limits).
 */
public interface PoliceHukouRegistry {

  /** Registers once per idempotency key; a repeated key returns the first registration. */
  Registration register(String idempotencyKey, CollectiveHukouRequest request);

  record CollectiveHukouRequest(String caseNumber, String fullName, String gender, Integer age,
      String institution, String hukouAddress, String placementPlan, String approvalNo) {}

  /** @param hukouNumber the number of the person's entry on the collective hukou */
  record Registration(String hukouNumber, String registeredAt) {}
}
