package cn.relief.app.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.WebBrowser;
import cn.relief.app.reports.PartnerApi;
import io.camunda.client.CamundaClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The analysis page and its CSV: a new report is counted by area, source and day; who may see it. */
@AppIT
class AnalysisIT {
  private static final String SOURCE_ROW = "发现报告：按来源和处置结果,12345,处置中,";

  @LocalServerPort int port;
  @Autowired CamundaClient client;

  @Test
  void aNewReportIsCountedAndTheFiguresExportAsCsv() throws Exception {
    WebBrowser head = new WebBrowser(port);
    head.logIn("wang.head", "demo-2026");
    long before = count(csv(head), SOURCE_ROW);

    HttpResponse<String> report = PartnerApi.report(port, "hotline.12345", "demo-2026", """
        {"source": "HOTLINE_12345", "latitude": 23.1060, "longitude": 113.2820, "locationText": "海珠广场",
         "description": "青年男子说钱包被偷，无钱吃饭住宿", "sex": "MALE", "ageGroup": "ADULT"}""");
    assertThat(report.statusCode()).as(report.body()).isEqualTo(201);

    String csv = csv(head);
    assertThat(csv).startsWith("\uFEFFtable,row,column,count");
    assertThat(count(csv, SOURCE_ROW)).isEqualTo(before + 1);
    assertThat(csv).contains("发现报告：按地区和处置结果,广州市,", "发现报告：每日趋势（按来源）,");

    // a case of a stranded migrant worker, not yet decided
    String groupRow = "救助案件：按救助对象类别和受理结果,务工不着,待审核,";
    long cases = count(csv, groupRow);
    client.newCreateInstanceCommand().bpmnProcessId("relief-case").latestVersion()
        .variables(Map.of("stationId", "org-station-tianhe", "cause", "STRANDED_MIGRANT_WORKER")).send().join();
    Awaitility.await("the case counted").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
        .until(() -> count(csv(head), groupRow), n -> n == cases + 1);

    HttpResponse<String> page = head.get("/analysis");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"reports-by-area\"", "id=\"reports-by-source\"", "id=\"reports-by-day\"",
        "id=\"cases-by-group\"", "广州市", "export-csv");
    assertThat(head.get("/analysis?lang=en").body()).contains("Discovery reports by area and outcome");

    WebBrowser caseworker = new WebBrowser(port);
    caseworker.logIn("li.caseworker", "demo-2026");
    assertThat(caseworker.get("/analysis").statusCode()).isEqualTo(403);
    WebBrowser auditor = new WebBrowser(port);
    auditor.logIn("sun.auditor", "demo-2026");
    assertThat(count(csv(auditor), SOURCE_ROW)).as("the auditor sees every station's").isGreaterThanOrEqualTo(1);
  }

  private static String csv(WebBrowser browser) throws Exception {
    HttpResponse<byte[]> answer = browser.getBytes("/analysis/export.csv");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Disposition")).hasValueSatisfying(d ->
        assertThat(d).contains("attachment", ".csv"));
    return new String(answer.body(), StandardCharsets.UTF_8);
  }

  /** The count of the CSV row starting with the given cells, 0 if there is none. */
  private static long count(String csv, String start) {
    return csv.lines().filter(line -> line.startsWith(start)).findFirst()
        .map(line -> Long.parseLong(line.substring(start.length()))).orElse(0L);
  }
}
