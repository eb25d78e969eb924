package cn.relief.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.WebBrowser;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The dashboard counts a started case for its station's staff, as charts and tables, with no personal data. */
@AppIT
class DashboardIT {
  private static final Pattern OPEN_CASES = Pattern.compile("id=\"open-cases\">(\\d+)<");
  private static final String TIANHE_ROW = "<th scope=\"row\">广州市天河区救助管理站</th>";

  @LocalServerPort int port;
  @Autowired CamundaClient client;

  @Test
  void aCaseworkerSeesChartsAndCountsOfTheirStationsCasesOnly() throws Exception {
    long instance = client.newCreateInstanceCommand().bpmnProcessId("relief-case").latestVersion()
        .variables(Map.of("stationId", "org-station-tianhe", "fullName", "仪表盘测试人")).send().join()
        .getProcessInstanceKey();
    Awaitility.await("intake open").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> !client.newElementInstanceSearchRequest().filter(f -> f.processInstanceKey(instance)
            .elementId("UserTask_intake").state(ElementInstanceState.ACTIVE)).send().join().items().isEmpty());

    WebBrowser caseworker = new WebBrowser(port);
    caseworker.logIn("li.caseworker", "demo-2026");
    HttpResponse<String> page = caseworker.get("/dashboard");
    assertThat(page.statusCode()).isEqualTo(200);
    String html = page.body();
    assertThat(html).contains("<svg", "class=\"segment series-cases\"", "id=\"chart-stages\"",
        "id=\"chart-organisations\"", "id=\"chart-deadlines\"", "<title", TIANHE_ROW, "受理甄别");
    assertThat(openCases(html)).isPositive();
    assertThat(html).as("no personal data").doesNotContain("仪表盘测试人");

    WebBrowser otherStation = new WebBrowser(port);
    otherStation.logIn("chen.caseworker", "demo-2026");
    String other = otherStation.get("/dashboard").body();
    assertThat(other).contains("<svg").doesNotContain(TIANHE_ROW);

    // the administrator sees every case
    WebBrowser admin = new WebBrowser(port);
    admin.logIn("admin", "demo-2026");
    String all = admin.get("/dashboard?lang=en").body();
    assertThat(all).contains(TIANHE_ROW, "Open cases by stage", "Deadlines").doesNotContain("仪表盘测试人");
    assertThat(openCases(all)).isGreaterThanOrEqualTo(openCases(html));
  }

  @Test
  void policyStaffWhomTheEngineGrantsNoCaseReadingAreToldSo() throws Exception {
    WebBrowser policy = new WebBrowser(port);
    policy.logIn("zhang.policy", "demo-2026");
    HttpResponse<String> page = policy.get("/dashboard");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).containsAnyOf("id=\"refused\"", "<svg");
  }

  private static int openCases(String html) {
    Matcher matcher = OPEN_CASES.matcher(html);
    assertThat(matcher.find()).as("the open-cases figure").isTrue();
    return Integer.parseInt(matcher.group(1));
  }
}
