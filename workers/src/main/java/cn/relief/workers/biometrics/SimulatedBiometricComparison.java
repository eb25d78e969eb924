package cn.relief.workers.biometrics;

import cn.relief.workers.simulation.IdempotentCalls;
import cn.relief.workers.simulation.SimulationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * In-process stand-in: a match exactly when fingerprints or a photo were taken and the person gave a
 * well-formed 18-character resident ID number (valid check digit, GB 11643) that the comparison can
 * confirm. Nothing taken means nothing to compare: no match.
 */
@Component
@ConditionalOnProperty(prefix = "relief.simulators", name = "enabled", matchIfMissing = true)
public class SimulatedBiometricComparison implements BiometricComparison {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK_DIGITS = "10X98765432";

  private final IdempotentCalls<Boolean> calls;

  public SimulatedBiometricComparison(SimulationProperties properties) {
    this.calls = new IdempotentCalls<>("biometric comparison", properties);
  }

  @Override
  public boolean compare(String idempotencyKey, Subject subject) {
    return calls.call(idempotencyKey,
        () -> (subject.fingerprintsTaken() || subject.photoTaken()) && isValidIdNumber(subject.idNumber()));
  }

  static boolean isValidIdNumber(String idNumber) {
    if (idNumber == null || !idNumber.matches("\\d{17}[0-9Xx]")) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (idNumber.charAt(i) - '0') * WEIGHTS[i];
    }
    return Character.toUpperCase(idNumber.charAt(17)) == CHECK_DIGITS.charAt(sum % 11);
  }
}
