package cn.relief.app.resources;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.WebBrowser;
import io.camunda.client.CamundaClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Regional resources: who sees which stations and who reports their figures; the placement advice
 * of a case from the decision table and the stations' free beds and capabilities.
 */
@AppIT
class ResourcesIT {
  @LocalServerPort int port;
  @Autowired CamundaClient client;
  @Autowired StationResources resources;

  @AfterEach
  void restoreDemoFigures() {
    for (StationResource station : DemoStations.STATIONS) {
      resources.report(station.stationId(), station.bedsTotal(), station.bedsOccupied(), station.staffOnDuty(),
          station.vehiclesAvailable(), "demo", Instant.now());
    }
  }

  @Test
  void aStationSeesItselfTheCentreSeesAllAndTheHeadReports() throws Exception {
    WebBrowser caseworker = logIn("li.caseworker");
    String own = caseworker.get("/resources").body();
    assertThat(own).contains("station-org-station-tianhe", "已满").doesNotContain("station-org-station-baiyun");
    assertThat(logIn("zhao.centre").get("/resources").body()).contains("station-org-station-tianhe",
        "station-org-station-baiyun", "station-org-regional-huanan");

    assertThat(caseworker.post("/resources/org-station-tianhe", figures(own, 40, 30)).statusCode())
        .as("a caseworker does not report").isEqualTo(403);
    WebBrowser head = logIn("wang.head");
    String page = head.get("/resources").body();
    assertThat(head.post("/resources/org-station-baiyun", figures(page, 30, 1)).statusCode())
        .as("another station's figures").isEqualTo(403);
    assertThat(head.post("/resources/org-station-tianhe", figures(page, 40, -3)).statusCode()).isEqualTo(302);
    assertThat(head.get("/resources").body()).contains("请填写0到100000之间的整数");
    assertThat(resources.of("org-station-tianhe").orElseThrow().bedsOccupied()).isEqualTo(40);
    assertThat(head.post("/resources/org-station-tianhe", figures(page, 40, 36)).statusCode()).isEqualTo(302);
    StationResource tianhe = resources.of("org-station-tianhe").orElseThrow();
    assertThat(tianhe.freeBeds()).isEqualTo(4);
    assertThat(tianhe.updatedBy()).isEqualTo("wang.head");
  }

  @Test
  void theDecisionSendsAPersonElsewhereWhenTheStationIsFullOrLacksWhatIsNeeded() throws Exception {
    long adult = newCase(Map.of("stationId", "org-station-tianhe", "age", 45, "cause", "VAGRANCY_OR_BEGGING"));
    long minor = newCase(Map.of("stationId", "org-station-tianhe", "age", 12, "cause", "VAGRANCY_OR_BEGGING"));
    WebBrowser caseworker = logIn("li.caseworker");

    // Tianhe (demo) is full: the nearest station with a free bed, the regional centre
    String full = awaitPage(caseworker, "/cases/" + adult + "/placement");
    assertThat(full).contains("安置到其他站点", "本站已满", "建议安置到：华南救助管理区域性中心");
    // the centre full too: Baiyun has beds
    resources.report("org-regional-huanan", 80, 80, 20, 4, "zhao.centre", Instant.now());
    assertThat(caseworker.get("/cases/" + adult + "/placement").body()).contains("建议安置到：广州市白云区救助管理站");
    // a minor needs minors' quarters, which only the (full) centre has: escalate
    assertThat(awaitPage(caseworker, "/cases/" + minor + "/placement")).contains("未成年人区", "请提级至区域性中心");
    // with a bed free at home an adult stays
    resources.report("org-station-tianhe", 40, 30, 6, 1, "wang.head", Instant.now());
    assertThat(caseworker.get("/cases/" + adult + "/placement").body()).contains("本站安置");
    assertThat(logIn("chen.caseworker").get("/cases/" + adult + "/placement").statusCode())
        .as("another station's case").isEqualTo(403);
  }

  private WebBrowser logIn(String username) throws Exception {
    WebBrowser browser = new WebBrowser(port);
    browser.logIn(username, "demo-2026");
    return browser;
  }

  private static String figures(String page, int total, int occupied) {
    return "bedsTotal=" + total + "&bedsOccupied=" + occupied + "&staffOnDuty=6&vehiclesAvailable=1&_csrf="
        + WebBrowser.enc(WebBrowser.csrf(page));
  }

  private long newCase(Map<String, Object> variables) {
    return client.newCreateInstanceCommand().bpmnProcessId("relief-case").latestVersion().variables(variables).send()
        .join().getProcessInstanceKey();
  }

  /** The page once the engine's search finds the new case (its history lags a moment). */
  private static String awaitPage(WebBrowser browser, String path) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      HttpResponse<String> page = browser.get(path);
      if (page.statusCode() == 200 || System.nanoTime() > until) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return page.body();
      }
      Thread.sleep(200);
    }
  }
}
