package cn.relief.workers.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import cn.relief.workers.TestJob;
import cn.relief.workers.documents.DocumentsProperties;
import cn.relief.workers.documents.FileSystemDocumentStore;
import cn.relief.workers.notices.NoticePdfRenderer;
import cn.relief.workers.notices.NoticeProperties;
import cn.relief.workers.notices.NoticeService;
import io.camunda.client.CamundaClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreetPatrolWorkersTest {

  @TempDir Path documents;

  private static Map<String, Object> discovery(String location, boolean acceptsHelp, boolean isMinor) {
    return new HashMap<>(Map.of("location", location, "description", "男，约50岁", "acceptsHelp", acceptsHelp,
        "needsMedicalCare", true, "isMinor", isMinor));
  }

  private static TestJob startJob(long elementInstanceKey, Map<String, Object> discovery) {
    return new TestJob(elementInstanceKey + 1, "relief.start-relief-case", "ServiceTask_startReliefCase",
        elementInstanceKey, Map.of("discovery", discovery, "province", "广东省"));
  }

  @Test
  void aDiscoveryBecomesOneStreetPatrolCaseHoweverOftenTheJobIsDelivered() {
    var cases = new InMemoryReliefCaseStarter();
    var worker = new StartReliefCaseWorker(cases, "org-station-tianhe");
    TestJob job = startJob(31, discovery("体育西路地铁站", true, false));

    Map<String, Object> first = worker.start(job);
    Map<String, Object> again = worker.start(job);
    worker.start(startJob(33, discovery("天河路天桥", true, false)));

    assertThat(again).isEqualTo(first);
    assertThat(cases.cases()).hasSize(2);
    assertThat(cases.cases().get(0)).containsEntry("intakeChannel", "STREET_PATROL")
        .containsEntry("patrolRoundKey", job.getProcessInstanceKey()).containsEntry("discoveryLocation", "体育西路地铁站")
        .containsEntry("discoveryDescription", "男，约50岁").containsEntry("discoveryNeedsMedicalCare", true)
        .containsEntry("discoveryIsMinor", false).containsEntry("province", "广东省")
        .as("no station on the round: the home station's case").containsEntry("stationId", "org-station-tianhe");
  }

  @Test
  void aRoundOfAnotherStationStartsThatStationsCase() {
    var cases = new InMemoryReliefCaseStarter();
    new StartReliefCaseWorker(cases, "org-station-tianhe").start(new TestJob(41, "relief.start-relief-case",
        "ServiceTask_startReliefCase", 40, Map.of("discovery", discovery("白云山", true, false), "province", "广东省",
            "stationId", "org-station-baiyun")));
    assertThat(cases.cases().get(0)).containsEntry("stationId", "org-station-baiyun");
  }

  @Test
  void aPublicReportStartsAPublicReportCaseThatKnowsTheReport() {
    var cases = new InMemoryReliefCaseStarter();
    new StartReliefCaseWorker(cases, "org-station-tianhe").start(new TestJob(51, "relief.start-relief-case",
        "ServiceTask_startReliefCase", 50, Map.of("discovery", discovery("天河公园南门", true, false), "province", "广东省",
            "intakeChannel", "PUBLIC_REPORT", "reportReference", "FX-20261130-0007")));
    assertThat(cases.cases().get(0)).containsEntry("intakeChannel", "PUBLIC_REPORT")
        .containsEntry("discoveryReportReference", "FX-20261130-0007").doesNotContainKey("patrolRoundKey")
        .containsEntry("discoveryLocation", "天河公园南门");
  }

  @Test
  void aDiscoveryWithoutLocationNamesTheMissingField() {
    Map<String, Object> discovery = discovery("x", true, false);
    discovery.remove("location");
    assertThatThrownBy(() -> new StartReliefCaseWorker(new InMemoryReliefCaseStarter(), "org-station-tianhe").start(startJob(35, discovery)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'location'");
  }

  @Test
  void theCamundaStarterCreatesOneInstancePerIdempotencyKey() {
    CamundaClient client = mock(CamundaClient.class, RETURNS_DEEP_STUBS);
    var command = client.newCreateInstanceCommand().bpmnProcessId("relief-case").latestVersion();
    when(command.variables(anyMap()).send().join().getProcessInstanceKey()).thenReturn(42L, 43L);
    clearInvocations(command);
    var starter = new CamundaReliefCaseStarter(client);

    assertThat(starter.start("ServiceTask_startReliefCase/37", Map.of("province", "广东省"))).isEqualTo(42L);
    assertThat(starter.start("ServiceTask_startReliefCase/37", Map.of("province", "广东省"))).isEqualTo(42L);
    assertThat(starter.start("ServiceTask_startReliefCase/39", Map.of("province", "广东省"))).isEqualTo(43L);
    verify(command, times(2)).variables(anyMap());
  }

  @Test
  void theAdviceRecordListsEveryoneWhoRefusedWithTheAdviceGiven() throws Exception {
    assumeTrue(Files.isReadable(NoticeProperties.DEFAULT_FONT) || "true".equals(System.getenv("CI")),
        "CJK font missing: apt-get install -y fonts-wqy-microhei");
    var store = new FileSystemDocumentStore(new DocumentsProperties(documents));
    var worker = new PatrolAdviceRecordWorker(new NoticeService(
        new NoticePdfRenderer(new NoticeProperties(null, null, "某市救助管理站")), store));
    Map<String, Object> refused = discovery("天河路人行天桥下", false, false);
    refused.put("adviceGiven", "已发放棉被，告知求助热线");
    TestJob job = new TestJob(42, "relief.patrol-advice-record", "ServiceTask_adviceRecord", 41,
        Map.of("refusals", List.of(refused, discovery("体育中心南门", false, false)), "patrolArea", "天河区",
            "patrolTeam", "陈刚、刘芳"));

    String id = (String) worker.record(job).get("adviceRecordDocumentId");

    assertThat(id).startsWith("XC-" + job.getProcessInstanceKey() + "/").endsWith("patrol_advice.pdf");
    String text;
    try (var pdf = Loader.loadPDF(store.read(id).orElseThrow())) {
      text = new PDFTextStripper().getText(pdf).replaceAll("\\s", "");
    }
    assertThat(text).contains("街面巡查劝导记录", "天河区", "陈刚、刘芳", "天河路人行天桥下", "已发放棉被，告知求助热线",
        "体育中心南门", "已告知救助政策和求助途径", "需要医疗救治");
  }
}
