package cn.relief.workers.biometrics;

/** The fingerprint and face comparison service (指纹人像比对) of the police. */
public interface BiometricComparison {

  /** Whether the person's fingerprints or photo match a known identity. */
  boolean compare(String idempotencyKey, Subject subject);

  record Subject(String caseNumber, String fullName, String idNumber,
      boolean fingerprintsTaken, boolean photoTaken) {}
}
