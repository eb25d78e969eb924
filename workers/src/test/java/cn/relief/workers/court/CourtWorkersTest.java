package cn.relief.workers.court;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.relief.workers.JobTypes;
import cn.relief.workers.TestJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The court workers pass what the model maps, and nothing else, to the court. */
class CourtWorkersTest {

  private final List<Object> applications = new ArrayList<>();
  private final CourtService court = new CourtService() {
    @Override
    public String applyForProtectionOrder(String idempotencyKey, ProtectionOrderApplication application) {
      applications.add(application);
      return "BHLSQ-" + idempotencyKey;
    }

    @Override
    public String applyForGuardianshipRevocation(String idempotencyKey, GuardianshipRevocation application) {
      applications.add(application);
      return "CXJH-" + idempotencyKey;
    }
  };

  @Test
  void theProtectionOrderApplicationCarriesTheJobsKeyAndTheUrgency() {
    Map<String, Object> out = new ProtectionOrderApplicationWorker(court).apply(new TestJob(52,
        JobTypes.PROTECTION_ORDER_APPLICATION, "ServiceTask_protectionOrderApplication", 51, Map.of(
            "caseNumber", "JZ-51", "court", "某区人民法院", "respondentName", "王某", "evidence", "殴打",
            "urgent", true, "applicationDocumentId", "JZ-51/a.pdf", "shelterLocation", "某庇护点")));

    assertThat(out).containsEntry("protectionOrderApplicationNo", "BHLSQ-ServiceTask_protectionOrderApplication/51");
    assertThat(applications).containsExactly(new CourtService.ProtectionOrderApplication("JZ-51", "某区人民法院",
        "王某", "殴打", true, "JZ-51/a.pdf"));
  }

  @Test
  void theRevocationNeedsTheCourtAndNamesTheMinorByCaseOnly() {
    var worker = new GuardianshipRevocationWorker(court);
    Map<String, Object> out = worker.apply(new TestJob(54, JobTypes.GUARDIANSHIP_REVOCATION,
        "ServiceTask_revocationFiling", 53, Map.of("caseNumber", "JZ-53", "court", "某区人民法院",
            "grounds", "组织乞讨", "guardianshipNo", "LSJH-000001", "fullName", "小明")));

    assertThat(out).containsEntry("revocationApplicationNo", "CXJH-ServiceTask_revocationFiling/53");
    assertThat(applications).containsExactly(new CourtService.GuardianshipRevocation("JZ-53", "某区人民法院",
        "组织乞讨", "LSJH-000001"));
    assertThatThrownBy(() -> worker.apply(new TestJob(56, JobTypes.GUARDIANSHIP_REVOCATION,
        "ServiceTask_revocationFiling", 55, Map.of("caseNumber", "JZ-55"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'court'");
  }
}
