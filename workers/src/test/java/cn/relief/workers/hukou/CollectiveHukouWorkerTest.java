package cn.relief.workers.hukou;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.relief.workers.TestJob;
import cn.relief.workers.simulation.OutsideSystemUnavailableException;
import cn.relief.workers.simulation.SimulationProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectiveHukouWorkerTest {

  private static Map<String, Object> approved() {
    return new HashMap<>(Map.of("caseNumber", "JZ-HB-00000107", "fullName", "无名氏", "gender", "MALE", "age", 35,
        "institution", "武汉市社会福利院", "hukouAddress", "武汉市江岸区解放大道1号", "approvalNo", "江政复〔2027〕12号"));
  }

  private static TestJob job(long elementInstanceKey, Map<String, Object> variables) {
    return new TestJob(elementInstanceKey + 1, "relief.collective-hukou", "ServiceTask_collectiveHukou",
        elementInstanceKey, variables);
  }

  @Test
  void thePoliceRegisterThePersonOnceOnTheInstitutionsCollectiveHukou() {
    var police = new SimulatedPoliceHukouRegistry(SimulationProperties.reliable());
    var worker = new CollectiveHukouWorker(police);

    Map<String, Object> first = worker.register(job(61, approved()));
    Map<String, Object> again = worker.register(job(61, approved()));
    Map<String, Object> other = worker.register(job(63, approved()));

    assertThat(first).containsEntry("hukouRegistered", true).containsEntry("hukouNumber", "JTHK-00000001");
    assertThat(again).isEqualTo(first);
    assertThat(other).containsEntry("hukouNumber", "JTHK-00000002");
    assertThat(police.registrations()).isEqualTo(2);
  }

  @Test
  void withoutTheGovernmentsApprovalThereIsNoRegistration() {
    Map<String, Object> variables = approved();
    variables.remove("approvalNo");
    assertThatThrownBy(() -> new CollectiveHukouWorker(new SimulatedPoliceHukouRegistry(SimulationProperties.reliable()))
        .register(job(65, variables))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'approvalNo'");
  }

  @Test
  void aFlakyRegistryStillRegistersOnce() {
    var police = new SimulatedPoliceHukouRegistry(new SimulationProperties(Duration.ZERO, 0.5, 7L, Duration.ZERO));
    var worker = new CollectiveHukouWorker(police);
    Map<String, Object> out = null;
    for (int delivery = 0; delivery < 40 && out == null; delivery++) {
      try {
        out = worker.register(job(67, approved()));
      } catch (OutsideSystemUnavailableException e) {
        // the job fails and is delivered again with the same key
      }
    }
    assertThat(out).isNotNull();
    assertThat(police.registrations()).isEqualTo(1);
  }
}
