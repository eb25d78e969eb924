package cn.relief.workers.guardianship;

/**
 * The civil-affairs register of guardianship (监护登记): temporary guardianship of a vagrant,
 * begging or unidentified minor (未成年人保护法 第92条). The register keeps the case number, not the
 * minor's name (第103条). Returns the guardianship number.
 */
public interface GuardianshipRegister {

  String registerTemporaryGuardianship(String idempotencyKey, TemporaryGuardianship guardianship);

  record TemporaryGuardianship(String caseNumber, Integer age, String gender, String cause, String referralNo) {}
}
