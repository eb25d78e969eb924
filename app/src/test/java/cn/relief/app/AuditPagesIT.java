package cn.relief.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.security.UserEngineClients;
import io.camunda.client.CamundaClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The auditor's pages on a real relief case that the Tianhe station's caseworker took to the end
 * (and one still open): the diagram's markers, the who-did-what log, the chain verification, the
 * masked ID number, the CSV and PDF export; a caseworker is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditPagesIT extends ScenarioSupport {
  private static final String PASSWORD = "demo-2026";

  @Autowired UserEngineClients clients;
  private CamundaClient caseworker;
  private CamundaClient head;
  private StationCase finished;
  private StationCase open;

  @BeforeAll
  void runCases() {
    caseworker = clients.open("li.caseworker", PASSWORD);
    head = clients.open("wang.head", PASSWORD);
    finished = StationCase.start(caseworker, head).sendHome();
    open = StationCase.start(caseworker, head);
  }

  @AfterAll
  void closeClients() {
    client.newCancelInstanceCommand(open.instance()).send().join();
    caseworker.close();
    head.close();
  }

  @Test
  void theAuditorFindsTheCaseByItsNumber() throws Exception {
    WebBrowser auditor = auditor();
    HttpResponse<String> found = auditor.get("/audit?caseNumber=" + WebBrowser.enc(finished.caseNumber()));

    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(found.body()).contains("href=\"/audit/cases/" + finished.instance() + "\"", finished.caseNumber(),
        StationCase.STATION).doesNotContain("href=\"/audit/cases/" + open.instance() + "\"");
    assertThat(auditor.get("/audit?state=COMPLETED").body()).contains("/audit/cases/" + finished.instance())
        .doesNotContain("/audit/cases/" + open.instance() + "\"");
    assertThat(auditor.get("/audit?from=yesterday").body()).contains("日期格式不正确", "yesterday");

    String byNumber = "/audit?caseNumber=" + WebBrowser.enc(finished.caseNumber());
    String link = "href=\"/audit/cases/" + finished.instance() + "\"";
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    assertThat(auditor.get(byNumber + "&name=" + WebBrowser.enc("张")).body()).contains(link);
    assertThat(auditor.get(byNumber + "&name=" + WebBrowser.enc("李")).body()).doesNotContain(link);
    assertThat(auditor.get(byNumber + "&from=" + today.minusDays(1) + "&to=" + today.plusDays(1)).body()).contains(link);
    assertThat(auditor.get(byNumber + "&to=" + today.minusDays(2)).body()).doesNotContain(link);
  }

  @Test
  void theCasePageMarksTheDiagramAndShowsWhoDidWhatAndTheVerification() throws Exception {
    HttpResponse<String> page = auditor().get("/audit/cases/" + finished.instance());

    assertThat(page.statusCode()).isEqualTo(200);
    String markers = markers(page.body());
    assertThat(markers).contains("\"completed\":[").contains("\"UserTask_intake\"", "\"UserTask_registration\"",
        "\"UserTask_closure\"", "\"ServiceTask_nationalRegistration\"").contains("\"active\":[]");
    assertThat(page.body()).contains("<td class=\"who\">li.caseworker</td>", "<td class=\"who\">wang.head</td>")
        .contains("id=\"verification-result\" data-valid=\"true\"", "审计链完整")
        .contains(StationCase.MASKED_ID_NUMBER).doesNotContain(StationCase.ID_NUMBER)
        .contains("data-variable=\"idNumber\"", "href=\"/audit/cases/" + finished.instance() + "/export.csv\"");

    awaitTask(open.instance(), "UserTask_doorScreening");
    assertThat(markers(auditor().get("/audit/cases/" + open.instance()).body()))
        .contains("\"active\":[\"UserTask_doorScreening\"]").contains("\"UserTask_intake\"");
  }

  @Test
  void theCaseFileExportsAsCsvAndPdfWithTheIdNumberMasked() throws Exception {
    WebBrowser auditor = auditor();
    HttpResponse<byte[]> csv = auditor.getBytes("/audit/cases/" + finished.instance() + "/export.csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
    assertThat(Arrays.copyOf(csv.body(), 3)).containsExactly(0xEF, 0xBB, 0xBF);
    String text = new String(csv.body(), StandardCharsets.UTF_8);
    assertThat(text).contains("li.caseworker", "wang.head", "UserTask_registration", StationCase.MASKED_ID_NUMBER,
        "时间线", "变量历史").doesNotContain(StationCase.ID_NUMBER);

    HttpResponse<byte[]> pdf = auditor.getBytes("/audit/cases/" + finished.instance() + "/export.pdf");
    assertThat(pdf.statusCode()).isEqualTo(200);
    String pdfText = pdfText(pdf.body()).replaceAll("\\s", ""); // long lines are wrapped
    assertThat(pdfText).contains("救助案件档案", finished.caseNumber(), "li.caseworker", "wang.head",
        StationCase.MASKED_ID_NUMBER, "审计链完整").doesNotContain(StationCase.ID_NUMBER);
  }

  @Test
  void anUnknownInstanceIsA404Page() throws Exception {
    HttpResponse<String> missing = auditor().get("/audit/cases/2251799999999999");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("id=\"not-found\"");
  }

  @Test
  void aCaseworkerMayNotOpenTheAuditPages() throws Exception {
    WebBrowser caseworkerBrowser = new WebBrowser(httpPort);
    caseworkerBrowser.logIn("li.caseworker", PASSWORD);
    assertThat(caseworkerBrowser.get("/audit").statusCode()).isEqualTo(403);
    HttpResponse<String> refused = caseworkerBrowser.get("/audit/cases/" + finished.instance());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("id=\"forbidden\"");
  }

  private WebBrowser auditor() throws Exception {
    WebBrowser auditor = new WebBrowser(httpPort);
    auditor.logIn("sun.auditor", PASSWORD);
    return auditor;
  }

  /** The diagram's markers as the page hands them to its script (an HTML attribute). */
  private static String markers(String page) {
    int start = page.indexOf("data-markers=\"");
    assertThat(start).as("markers on the page").isNotNegative();
    String value = page.substring(start + "data-markers=\"".length(), page.indexOf('"', start + "data-markers=\"".length()));
    return value.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
  }
}
