package cn.relief.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A case taken into care counts on its station's dashboard against the 10-day stay, open and in time. */
class DashboardDeadlineScenarioIT extends ScenarioSupport {
  private static final Pattern STAY_ROW = Pattern.compile(
      "<th scope=\"row\">站内救助（10日）</th>\\s*<td>(\\d+)</td>\\s*<td>(\\d+)</td>\\s*<td>(\\d+)</td>\\s*<td>(\\d+)</td>");

  @Test
  void aCaseInCareIsAStayDueInTenDaysForItsStation() throws Exception {
    WebBrowser caseworker = new WebBrowser(httpPort);
    caseworker.logIn("li.caseworker", "demo-2026");
    int before = stayOnTrack(caseworker.get("/dashboard").body());
    WebBrowser otherStation = new WebBrowser(httpPort);
    otherStation.logIn("chen.caseworker", "demo-2026");
    int otherBefore = stayOnTrack(otherStation.get("/dashboard").body());

    Map<String, Object> start = new HashMap<>();
    start.put("stationId", "org-station-tianhe");
    long instance = start("relief-case", start);
    complete(instance, "UserTask_intake", Map.of("intakeChannel", "SELF_REFERRAL", "province", "广东省"));
    complete(instance, "UserTask_doorScreening", Map.of("suspectedMentalDisorder", false, "dangerToOthers", false));
    complete(instance, "UserTask_registration", registration(45, "VAGRANCY_OR_BEGGING"));
    complete(instance, "UserTask_securityCheck", Map.of("belongings", "手机一部", "belongingsHeld", true,
        "fingerprintsTaken", true, "photoTaken", true));
    awaitTask(instance, "UserTask_needsAssessment");

    String page = caseworker.get("/dashboard").body();
    assertThat(stayOnTrack(page)).as("stays open and in time").isGreaterThan(before);
    assertThat(page).doesNotContain("张三", "11010519491231002X");
    assertThat(stayOnTrack(otherStation.get("/dashboard").body())).as("another station's count")
        .isEqualTo(otherBefore);
  }

  private static int stayOnTrack(String html) {
    Matcher row = STAY_ROW.matcher(html);
    assertThat(row.find()).as("the stay's row in the deadlines table").isTrue();
    return Integer.parseInt(row.group(2));
  }
}
