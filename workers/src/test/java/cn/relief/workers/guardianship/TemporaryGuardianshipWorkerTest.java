package cn.relief.workers.guardianship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.relief.workers.JobTypes;
import cn.relief.workers.TestJob;
import cn.relief.workers.simulation.SimulationProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemporaryGuardianshipWorkerTest {

  private static TestJob job(long elementInstanceKey, Map<String, Object> variables) {
    return new TestJob(elementInstanceKey + 1, JobTypes.TEMPORARY_GUARDIANSHIP, "ServiceTask_temporaryGuardianship",
        elementInstanceKey, variables);
  }

  @Test
  void temporaryGuardianshipIsRegisteredOncePerJobUnderTheCaseNumber() {
    var register = new SimulatedGuardianshipRegister(SimulationProperties.reliable());
    var worker = new TemporaryGuardianshipWorker(register);
    TestJob job = job(48, Map.of("caseNumber", "JZ-48", "age", 12, "gender", "MALE", "cause", "VAGRANCY_OR_BEGGING"));
    Map<String, Object> first = worker.register(job);
    assertThat(first.get("guardianshipNo")).asString().startsWith("LSJH-");
    assertThat(worker.register(job)).isEqualTo(first);
    assertThat(register.registered()).hasSize(1);
    assertThat(register.registered().get(0).caseNumber()).isEqualTo("JZ-48");
    assertThatThrownBy(() -> worker.register(job(49, Map.of("age", 9))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("caseNumber");
  }
}
