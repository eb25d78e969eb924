package cn.relief.app.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.WebBrowser;
import cn.relief.app.patrol.PatrolTeams;
import cn.relief.app.patrol.TeamStatus;
import cn.relief.app.reports.PartnerApi;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dispatch board end to end: a hotline report in Tianhe, the station's dispatcher sees it with
 * the nearest free team proposed and sends it; the team's member shares a position, arrives and
 * records that the person accepts help, which closes the report, frees the team and starts a
 * relief case. Another station sees none of it; the regional centre sees it all.
 */
@AppIT
class DispatchBoardIT {
  private static final Pattern REFERENCE = Pattern.compile("FX-\\d{8}-\\d{6}");
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};

  @LocalServerPort int port;
  @Autowired CamundaClient client;
  @Autowired DispatchRecords records;
  @Autowired PatrolTeams teams;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aReportIsSentToTheNearestFreeTeamWhichArrivesAndStartsACase() throws Exception {
    // about 300 m from 天河一队's demo position
    String reference = report("""
        {"source": "HOTLINE_110", "latitude": 23.1400, "longitude": 113.3340, "locationText": "天河体育中心东门",
         "description": "老年男子躺在长椅上，说不清住址", "sex": "MALE", "ageGroup": "ELDERLY", "photoBase64": "%s"}"""
        .formatted(Base64.getEncoder().encodeToString(PNG)));
    awaitProcess(reference);

    WebBrowser dispatcher = new WebBrowser(port);
    dispatcher.logIn("li.caseworker", "demo-2026");
    String board = dispatcher.get("/dispatch").body();
    assertThat(board).contains(reference, "天河体育中心东门", "推荐：天河一队", "110报警服务台");
    assertThat(dispatcher.get("/dispatch/board.json").body()).contains(reference, "team-tianhe-1");
    HttpResponse<byte[]> photo = dispatcher.getBytes("/dispatch/reports/" + reference + "/photo");
    assertThat(photo.statusCode()).isEqualTo(200);
    assertThat(photo.headers().firstValue("Content-Type")).hasValue("image/png");

    // another station's caseworker neither sees nor sends it, nor sees its photo
    WebBrowser baiyun = new WebBrowser(port);
    baiyun.logIn("chen.caseworker", "demo-2026");
    String baiyunBoard = baiyun.get("/dispatch").body();
    assertThat(baiyunBoard).doesNotContain(reference);
    assertThat(baiyun.getBytes("/dispatch/reports/" + reference + "/photo").statusCode()).isEqualTo(403);
    assertThat(baiyun.post("/dispatch/reports/" + reference + "/assignment",
        "teamId=team-baiyun-1&_csrf=" + WebBrowser.enc(WebBrowser.csrf(baiyunBoard))).statusCode()).isEqualTo(403);
    // nor through the task list: the report's tasks are its station's (and the centre's)
    long dispatchTask = client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(records
        .byReference(reference).orElseThrow().processInstanceKey()).elementId("UserTask_dispatch")).send().join()
        .items().get(0).getUserTaskKey();
    assertThat(baiyun.get("/tasks/" + dispatchTask).statusCode()).isEqualTo(403);
    assertThat(baiyun.get("/tasks").body()).doesNotContain("/tasks/" + dispatchTask + "\"");
    assertThat(dispatcher.get("/tasks/" + dispatchTask).statusCode()).isEqualTo(200);
    // the regional centre sees every station's reports
    WebBrowser centre = new WebBrowser(port);
    centre.logIn("zhao.centre", "demo-2026");
    assertThat(centre.get("/dispatch").body()).contains(reference);

    HttpResponse<String> sent = dispatcher.post("/dispatch/reports/" + reference + "/assignment",
        "teamId=team-tianhe-1&_csrf=" + WebBrowser.enc(WebBrowser.csrf(board)));
    assertThat(sent.statusCode()).isEqualTo(302);
    assertThat(dispatcher.get("/dispatch").body()).contains("已派遣，报告 " + reference, "已派遣天河一队");
    OpenReport dispatched = records.byReference(reference).orElseThrow();
    assertThat(dispatched.teamId()).isEqualTo("team-tianhe-1");
    assertThat(dispatched.dispatchedAt()).isNotNull();
    assertThat(teams.byId("team-tianhe-1").orElseThrow().status()).isEqualTo(TeamStatus.BUSY);
    assertThat(client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(dispatched.processInstanceKey())
        .elementId("UserTask_dispatch")).send().join().items()).singleElement()
        .satisfies(task -> assertThat(task.getAssignee()).as("the dispatcher did it").isEqualTo("li.caseworker"));

    // the team (li.caseworker is in it) on the phone page
    String patrol = dispatcher.get("/patrol").body();
    assertThat(patrol).contains("天河一队", "派遣任务：报告 " + reference, "天河体育中心东门");
    String csrf = WebBrowser.csrf(patrol);
    assertThat(dispatcher.postJson("/patrol/position", "{\"latitude\": 23.1395, \"longitude\": 113.3338}", csrf)
        .statusCode()).isEqualTo(204);
    assertThat(dispatcher.postJson("/patrol/position", "{\"latitude\": 123}", csrf).statusCode()).isEqualTo(400);
    assertThat(teams.byId("team-tianhe-1").orElseThrow().position().latitude()).isEqualTo(23.1395);
    assertThat(dispatcher.getBytes("/patrol/reports/" + reference + "/photo").statusCode()).isEqualTo(200);
    assertThat(dispatcher.post("/patrol/reports/" + reference + "/arrival", "_csrf=" + WebBrowser.enc(csrf))
        .statusCode()).isEqualTo(302);
    assertThat(records.byReference(reference).orElseThrow().arrivedAt()).isNotNull();
    // chen.caseworker is not in the team
    assertThat(baiyun.post("/patrol/reports/" + reference + "/arrival",
        "_csrf=" + WebBrowser.enc(WebBrowser.csrf(baiyunBoard))).statusCode()).isEqualTo(403);

    // a refused outcome comes back with what was typed
    assertThat(dispatcher.post("/patrol/reports/" + reference + "/outcome", "outcome=MAYBE&needsMedicalCare=true"
        + "&findings=" + WebBrowser.enc("老人自述迷路\r\n同意到站") + "&_csrf=" + WebBrowser.enc(csrf)).statusCode())
        .isEqualTo(302);
    assertThat(dispatcher.get("/patrol").body()).contains("id=\"patrol-refused\"", "老人自述迷路", "同意到站");
    HttpResponse<String> concluded = dispatcher.post("/patrol/reports/" + reference + "/outcome",
        "outcome=ACCEPTS_HELP&needsMedicalCare=true&findings=" + WebBrowser.enc("老人自述迷路，同意到站") + "&_csrf="
            + WebBrowser.enc(csrf));
    assertThat(concluded.statusCode()).isEqualTo(302);
    assertThat(dispatcher.get("/patrol").body()).contains("已记录报告 " + reference, "暂无派遣任务");
    assertThat(records.byReference(reference)).as("closed: no longer open").isEmpty();
    assertThat(jdbc.queryForObject("SELECT outcome FROM relief_app.discovery_report WHERE reference = ?", String.class,
        reference)).isEqualTo("ACCEPTS_HELP");
    assertThat(jdbc.queryForObject("SELECT extract(epoch FROM arrived_at - dispatched_at) >= 0 FROM"
        + " relief_app.discovery_report WHERE reference = ?", Boolean.class, reference)).isTrue();
    assertThat(teams.byId("team-tianhe-1").orElseThrow().status()).isEqualTo(TeamStatus.FREE);
    awaitElement(dispatched.processInstanceKey(), "EndEvent_caseStarted");
  }

  @Test
  void aReportWaitingPastTheDispatchLimitIsMarkedOverdue() throws Exception {
    String reference = report("""
        {"source": "HOTLINE_12345", "latitude": 23.1290, "longitude": 113.3950, "locationText": "车陂路口",
         "description": "妇女带着孩子在路边乞讨", "sex": "FEMALE", "ageGroup": "ADULT"}""");
    awaitProcess(reference);
    WebBrowser head = new WebBrowser(port);
    head.logIn("wang.head", "demo-2026");
    assertThat(card(head.get("/dispatch").body(), reference)).doesNotContain("超时未派遣");
    jdbc.update("UPDATE relief_app.discovery_report SET received_at = received_at - interval '20 minutes'"
        + " WHERE reference = ?", reference);
    assertThat(card(head.get("/dispatch").body(), reference)).contains("超时未派遣");
  }

  @Test
  void aTeamChecksInOnItsRoundAndAStationHeadRaisesAColdWaveAlert() throws Exception {
    WebBrowser member = new WebBrowser(port);
    member.logIn("li.caseworker", "demo-2026");
    String csrf = WebBrowser.csrf(member.get("/patrol").body());
    assertThat(member.postJson("/patrol/checkins", "{\"latitude\": 23.1372, \"longitude\": 113.3215,"
        + " \"note\": \"体育西路一带已巡查\"}", csrf).statusCode()).isEqualTo(201);
    assertThat(member.postJson("/patrol/checkins", "{\"latitude\": 999, \"longitude\": 0}", csrf).statusCode())
        .isEqualTo(400);
    assertThat(member.get("/patrol").body()).contains("体育西路一带已巡查");
    assertThat(teams.byId("team-tianhe-1").orElseThrow().position().longitude()).isEqualTo(113.3215);
    WebBrowser admin = new WebBrowser(port);
    admin.logIn("admin", "demo-2026");
    assertThat(admin.postJson("/patrol/checkins", "{\"latitude\": 23.1, \"longitude\": 113.3}",
        WebBrowser.csrf(admin.get("/patrol").body())).statusCode()).as("in no team").isEqualTo(403);

    WebBrowser head = new WebBrowser(port);
    head.logIn("wang.head", "demo-2026");
    String board = head.get("/dispatch").body();
    assertThat(board).contains("最近打卡", "体育西路一带已巡查", "weather-alert");
    assertThat(member.post("/dispatch/alerts", "kind=COLD_WAVE&areaId=area-tianhe-sports"
        + "&_csrf=" + WebBrowser.enc(csrf)).statusCode()).as("a caseworker raises no alert").isEqualTo(403);
    assertThat(head.post("/dispatch/alerts", "kind=HEAT&areaId=area-tianhe-east-station&_csrf="
        + WebBrowser.enc(WebBrowser.csrf(board))).statusCode()).isEqualTo(302);
    assertThat(head.get("/dispatch").body()).contains("已发布预警，广州东站广场");
    long round = jdbc.queryForObject("SELECT max(id) FROM relief_app.patrol_round WHERE kind = 'HEAT'", Long.class);
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    boolean started = false;
    while (!started && System.nanoTime() < until) {
      started = client.newVariableSearchRequest().filter(f -> f.name("patrolRoundId").value(Long.toString(round)))
          .send().join().items().stream().anyMatch(v -> true);
      Thread.sleep(200);
    }
    assertThat(started).as("a street-patrol round for round " + round).isTrue();
    assertThat(head.post("/dispatch/alerts", "kind=FLOOD&areaId=area-tianhe-sports&_csrf="
        + WebBrowser.enc(WebBrowser.csrf(board))).statusCode()).isEqualTo(302);
    assertThat(head.get("/dispatch").body()).contains("请选择预警类型和巡查区域");
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private String report(String json) throws Exception {
    HttpResponse<String> answer = PartnerApi.report(port, "hotline.110", "demo-2026", json);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    Matcher matcher = REFERENCE.matcher(answer.body());
    assertThat(matcher.find()).isTrue();
    return matcher.group();
  }

  /** The report's card on the board page. */
  private static String card(String page, String reference) {
    int start = page.indexOf("id=\"report-" + reference + "\"");
    assertThat(start).as("card of " + reference).isPositive();
    int end = page.indexOf("</article>", start);
    return page.substring(start, end);
  }

  private void awaitProcess(String reference) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < until) {
      var report = records.byReference(reference);
      if (report.isPresent() && report.get().processInstanceKey() != null) {
        long key = report.get().processInstanceKey();
        if (!client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(key).state(UserTaskState.CREATED))
            .send().join().items().isEmpty()) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the process of report " + reference + " did not start");
  }

  private void awaitElement(long instance, String elementId) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < until) {
      if (!client.newElementInstanceSearchRequest().filter(f -> f.processInstanceKey(instance).elementId(elementId))
          .send().join().items().isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(elementId + " not reached in instance " + instance);
  }
}
