package cn.relief.workers.resettlement;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.workers.TestJob;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResettlementRequestWorkerTest {

  private static Map<String, Object> caseVariables() {
    return new HashMap<>(Map.of("caseNumber", "JZ-HB-00000107", "province", "湖北省", "fullName", "无名氏", "age", 35,
        "gender", "MALE", "destination", "武汉市社会福利院", "noticeText", "not for the resettlement"));
  }

  @Test
  void theCaseAsksForResettlementOnceWithItsPersonAndInstitution() {
    var publisher = new InMemoryResettlementRequestPublisher();
    var worker = new ResettlementRequestWorker(publisher);
    TestJob job = new TestJob(52, "relief.resettlement-request", "ServiceTask_resettlementRequest", 51, caseVariables());

    Map<String, Object> out = worker.request(job);
    worker.request(job); // delivered again: same message id, the engine drops it

    assertThat(out).containsEntry("resettlementRequestId", "ServiceTask_resettlementRequest/51");
    assertThat(publisher.published()).containsOnlyKeys("ServiceTask_resettlementRequest/51");
    var message = publisher.published().get("ServiceTask_resettlementRequest/51");
    assertThat(message.caseNumber()).isEqualTo("JZ-HB-00000107");
    assertThat(message.variables()).containsOnlyKeys("caseNumber", "province", "fullName", "age", "gender", "destination")
        .containsEntry("destination", "武汉市社会福利院");
  }

  @Test
  void withoutAnInstitutionTheRequestGoesOutAndThePlacementPlanNamesIt() {
    var publisher = new InMemoryResettlementRequestPublisher();
    Map<String, Object> variables = caseVariables();
    variables.remove("destination");
    new ResettlementRequestWorker(publisher)
        .request(new TestJob(54, "relief.resettlement-request", "ServiceTask_resettlementRequest", 53, variables));
    assertThat(publisher.published().values()).singleElement()
        .satisfies(message -> assertThat(message.variables()).doesNotContainKey("destination"));
  }
}
