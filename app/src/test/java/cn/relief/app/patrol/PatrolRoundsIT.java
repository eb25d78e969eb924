package cn.relief.app.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.WebBrowser;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Variable;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Street patrol end to end: a station head names an area with checkpoints and plans a team's round;
 * the planner starts it when due; the team's member starts it on the phone page, checks in at the
 * checkpoints, enters the persons found and finishes it, which completes the round's record task
 * as the member: the person who accepts help becomes a relief case and the refusal's advice is
 * recorded. Weather alerts and extra rounds reach the station's teams; other stations see none.
 */
@AppIT
class PatrolRoundsIT {
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  @LocalServerPort int port;
  @Autowired CamundaClient client;
  @Autowired PatrolAreas areas;
  @Autowired PatrolRounds rounds;
  @Autowired RoundPlanner planner;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aPlannedRoundIsWalkedCheckpointByCheckpointAndItsFindingsBecomeACaseAndAnAdviceRecord() throws Exception {
    WebBrowser head = browser("wang.head");
    String name = "天河公园周边" + System.nanoTime() % 100000;
    String page = head.get("/patrol/areas").body();
    assertThat(head.post("/patrol/areas", form(page, Map.of("name", name, "checkpoints",
        "天河公园南门，23.1255，113.3650\n天河公园东门, 23.1280, 113.3700"))).statusCode()).isEqualTo(302);
    PatrolArea area = areas.list("org-station-tianhe").stream().filter(a -> a.name().equals(name)).findFirst()
        .orElseThrow();
    assertThat(area.checkpoints()).extracting(Checkpoint::name).containsExactly("天河公园南门", "天河公园东门");
    // a refused area is shown again with what was typed
    String refused = head.post("/patrol/areas", form(page, Map.of("name", "远方", "checkpoints",
        "北京天安门，39.9087，116.3975"))).headers().firstValue("Location").map(PatrolRoundsIT::path).orElseThrow();
    assertThat(head.get(refused).body()).contains("巡查点不在本区域地图范围内", "北京天安门");

    // a caseworker plans nothing; another station does not see the area
    WebBrowser member = browser("li.caseworker");
    assertThat(member.post("/patrol/areas/" + area.id() + "/plans", form(member.get("/patrol/areas").body(),
        Map.of("teamId", "team-tianhe-1", "startTime", "20:00", "days", "1"))).statusCode()).isEqualTo(403);
    WebBrowser baiyun = browser("chen.caseworker");
    assertThat(baiyun.get("/patrol/areas").body()).doesNotContain(name).contains("三元里商圈");

    // the plan, due five minutes ago, made an hour ago: the planner adds its round once and starts it
    String due = Instant.now().minus(Duration.ofMinutes(5)).atZone(CHINA).format(DateTimeFormatter.ofPattern("HH:mm"));
    HttpResponse<String> planned = head.post("/patrol/areas/" + area.id() + "/plans",
        form(head.get("/patrol/areas").body(), Map.of("teamId", "team-tianhe-1", "startTime", due)) + daysAll());
    assertThat(planned.statusCode()).isEqualTo(302);
    assertThat(head.get("/patrol/areas").body()).contains("已为 " + name + " 添加巡查计划");
    jdbc.update("UPDATE relief_app.patrol_plan SET created_at = now() - interval '1 hour' WHERE area_id = ?", area.id());
    planner.planDue(Instant.now());
    planner.planDue(Instant.now());
    List<Long> ids = jdbc.queryForList("SELECT id FROM relief_app.patrol_round WHERE area_id = ?", Long.class,
        area.id());
    assertThat(ids).as("one round however often the planner runs").hasSize(1);
    PatrolRound round = rounds.byId(ids.get(0)).orElseThrow();
    assertThat(round.kind()).isEqualTo(RoundKind.PLANNED);
    assertThat(round.processInstanceKey()).isNotNull();
    assertThat(variables(round.processInstanceKey())).containsEntry("patrolArea", name)
        .containsEntry("patrolTeam", "天河一队").containsEntry("stationId", "org-station-tianhe");

    // the member starts it on the phone page: the record task is theirs
    String phone = member.get("/patrol").body();
    assertThat(phone).contains(name, "天河公园南门", "开始巡查");
    assertThat(baiyun.post("/patrol/rounds/" + round.id() + "/start", form(baiyun.get("/patrol").body(), Map.of()))
        .statusCode()).as("another station's team").isEqualTo(403);
    assertThat(member.post("/patrol/rounds/" + round.id() + "/start", form(phone, Map.of())).statusCode())
        .isEqualTo(302);
    assertThat(member.get("/patrol").body()).contains("已开始本轮巡查");
    assertThat(client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(round.processInstanceKey())
        .elementId("UserTask_patrolRecord")).send().join().items()).singleElement()
        .satisfies(task -> assertThat(task.getAssignee()).isEqualTo("li.caseworker"));

    // check-ins: one at the south gate (60 m off) visits it; the east gate is not visited yet
    String csrf = WebBrowser.csrf(member.get("/patrol").body());
    assertThat(member.postJson("/patrol/checkins", "{\"latitude\": 23.1260, \"longitude\": 113.3652,"
        + " \"note\": \"南门无人滞留\"}", csrf).statusCode()).isEqualTo(201);
    RoundView view = rounds.byId(round.id()).map(this::view).orElseThrow();
    assertThat(view.visits()).extracting(CheckpointVisits.Visit::visited).containsExactly(true, false);

    // a refusal without the advice given is refused, everything typed kept, nothing stored
    String refusedFinding = member.post("/patrol/rounds/" + round.id() + "/findings", form(member.get("/patrol").body(),
        Map.of("locationText", "天河公园东门长椅", "description", "男，约50岁，不愿离开", "sex", "MALE", "ageGroup", "ADULT")))
        .headers().firstValue("Location").map(PatrolRoundsIT::path).orElseThrow();
    assertThat(member.get(refusedFinding).body()).contains("拒绝救助的，请填写劝导情况", "天河公园东门长椅");
    assertThat(view(round).findings()).isEmpty();
    assertThat(member.post("/patrol/rounds/" + round.id() + "/findings", form(member.get("/patrol").body(),
        Map.of("locationText", "天河公园南门", "description", "女，约30岁，带一名约5岁的男孩，自述被丈夫赶出家门", "sex",
            "FEMALE", "ageGroup", "ADULT", "acceptsHelp", "true", "latitude", "23.1256", "longitude", "113.3651")))
        .statusCode()).isEqualTo(302);
    assertThat(member.post("/patrol/rounds/" + round.id() + "/findings", form(member.get("/patrol").body(),
        Map.of("locationText", "天河公园东门长椅", "description", "男，约50岁，不愿离开", "sex", "MALE", "ageGroup", "ADULT",
            "adviceGiven", "已发放食物和棉衣，告知救助站地址"))).statusCode()).isEqualTo(302);
    assertThat(member.get("/patrol").body()).contains("发现人员（2）", "带一名约5岁的男孩", "拒绝救助");
    assertThat(member.postJson("/patrol/checkins", "{\"latitude\": 23.1281, \"longitude\": 113.3699}", csrf)
        .statusCode()).isEqualTo(201);
    assertThat(view(round).visited()).isEqualTo(2);

    // finished: the record task completed as the member with the findings as discoveries
    assertThat(member.post("/patrol/rounds/" + round.id() + "/finish", form(member.get("/patrol").body(), Map.of()))
        .statusCode()).isEqualTo(302);
    String after = member.get("/patrol").body();
    assertThat(after).contains("已结束本轮巡查").doesNotContain("id=\"round-" + round.id() + "\"");
    assertThat(rounds.byId(round.id()).orElseThrow().finishedBy()).isEqualTo("li.caseworker");
    awaitCompleted(round.processInstanceKey());
    Map<String, Object> variables = variables(round.processInstanceKey());
    assertThat((List<?>) variables.get("discoveries")).hasSize(2);
    assertThat((List<?>) variables.get("reliefCaseKeys")).hasSize(1);
    assertThat(variables).containsKey("adviceRecordDocumentId");
    long reliefCase = ((Number) ((List<?>) variables.get("reliefCaseKeys")).get(0)).longValue();
    assertThat(variables(reliefCase)).containsEntry("intakeChannel", "STREET_PATROL")
        .containsEntry("discoveryLocation", "天河公园南门").containsEntry("stationId", "org-station-tianhe");
    client.newCancelInstanceCommand(reliefCase).send().join();
    assertThat(head.get("/patrol/areas").body()).contains("area-round-" + round.id(), "已完成");
  }

  @Test
  void aColdWaveAlertIsOfferedToEveryTeamOfTheStationAndTakenByTheFirst() throws Exception {
    WebBrowser head = browser("wang.head");
    String board = head.get("/dispatch").body();
    assertThat(board).contains("天河体育中心周边").doesNotContain("三元里商圈");
    assertThat(head.post("/dispatch/alerts", form(board, Map.of("kind", "COLD_WAVE", "areaId", "area-tianhe-sports")))
        .statusCode()).isEqualTo(302);
    assertThat(head.get("/dispatch").body()).contains("已发布预警，天河体育中心周边");
    long id = jdbc.queryForObject("SELECT max(id) FROM relief_app.patrol_round WHERE kind = 'COLD_WAVE'", Long.class);
    assertThat(head.post("/dispatch/alerts", form(board, Map.of("kind", "COLD_WAVE", "areaId",
        "area-baiyun-sanyuanli"))).statusCode()).as("another station's area").isEqualTo(403);

    WebBrowser member = browser("li.caseworker");
    String phone = member.get("/patrol").body();
    assertThat(phone).contains("id=\"round-" + id + "\"", "寒潮预警（寒冬送温暖）");
    assertThat(browser("chen.caseworker").get("/patrol").body()).doesNotContain("id=\"round-" + id + "\"");
    assertThat(member.post("/patrol/rounds/" + id + "/start", form(phone, Map.of())).statusCode()).isEqualTo(302);
    PatrolRound round = rounds.byId(id).orElseThrow();
    assertThat(round.teamId()).as("taken by the member's team").isEqualTo("team-tianhe-1");
    assertThat(round.processInstanceKey()).as("found by the round's id").isNotNull();
    assertThat(member.post("/patrol/rounds/" + id + "/finish", form(member.get("/patrol").body(), Map.of()))
        .statusCode()).isEqualTo(302);
    assertThat(member.get("/patrol").body()).contains("已结束本轮巡查");
    awaitCompleted(round.processInstanceKey());
    assertThat(variables(round.processInstanceKey())).containsEntry("patrolArea", "天河体育中心周边")
        .containsEntry("discoveries", List.of());
  }

  @Test
  void theRegionalCentreSendsAnExtraRoundToAnotherStationsTeam() throws Exception {
    WebBrowser centre = browser("zhao.centre");
    String page = centre.get("/patrol/areas").body();
    assertThat(page).contains("天河体育中心周边", "三元里商圈");
    assertThat(centre.post("/patrol/areas/area-baiyun-sanyuanli/rounds", form(page, Map.of("teamId",
        "team-tianhe-1"))).statusCode()).isEqualTo(302);
    assertThat(centre.get("/patrol/areas").body()).as("a team of another station").contains("请选择本站的巡查队");
    assertThat(centre.post("/patrol/areas/area-baiyun-sanyuanli/rounds", form(page, Map.of("teamId",
        "team-baiyun-1"))).statusCode()).isEqualTo(302);
    long id = jdbc.queryForObject("SELECT max(id) FROM relief_app.patrol_round WHERE kind = 'EXTRA'", Long.class);
    PatrolRound round = rounds.byId(id).orElseThrow();
    assertThat(round.processInstanceKey()).isNotNull();
    assertThat(browser("chen.caseworker").get("/patrol").body()).contains("id=\"round-" + id + "\"", "加派");
    assertThat(browser("li.caseworker").get("/patrol").body()).doesNotContain("id=\"round-" + id + "\"");
    assertThat(browser("wang.head").post("/patrol/areas/area-baiyun-sanyuanli/rounds", form(page, Map.of()))
        .statusCode()).as("another station's head").isEqualTo(403);
    // the centre names the station of a new area
    String name = "白云山南门" + System.nanoTime() % 100000;
    String refused = centre.post("/patrol/areas", form(page, Map.of("name", name, "checkpoints",
        "南门广场，23.1600，113.2950"))).headers().firstValue("Location").map(PatrolRoundsIT::path).orElseThrow();
    assertThat(centre.get(refused).body()).contains("请选择有巡查队的站点", name);
    assertThat(centre.post("/patrol/areas", form(page, Map.of("name", name, "stationId", "org-station-baiyun",
        "checkpoints", "南门广场，23.1600，113.2950"))).statusCode()).isEqualTo(302);
    assertThat(areas.list("org-station-baiyun")).extracting(PatrolArea::name).contains(name);
    client.newCancelInstanceCommand(round.processInstanceKey()).send().join();
  }

  // ---- helpers -----------------------------------------------------------------------------------

  @Autowired Rounds roundViews;

  private RoundView view(PatrolRound round) {
    return roundViews.view(rounds.byId(round.id()).orElseThrow());
  }

  /** The path (and query) of a redirect's absolute location. */
  private static String path(String location) {
    java.net.URI uri = java.net.URI.create(location);
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  private WebBrowser browser(String username) throws Exception {
    WebBrowser browser = new WebBrowser(port);
    browser.logIn(username, "demo-2026");
    return browser;
  }

  private static String form(String page, Map<String, String> fields) {
    StringBuilder body = new StringBuilder("_csrf=" + WebBrowser.enc(WebBrowser.csrf(page)));
    fields.forEach((name, value) -> body.append('&').append(name).append('=').append(WebBrowser.enc(value)));
    return body.toString();
  }

  private static String daysAll() {
    StringBuilder days = new StringBuilder();
    for (int day = 1; day <= 7; day++) {
      days.append("&days=").append(day);
    }
    return days.toString();
  }

  private Map<String, Object> variables(long processInstanceKey) throws Exception {
    Map<String, Object> variables = new HashMap<>();
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (variables.isEmpty() && System.nanoTime() < until) {
      for (Variable variable : client.newVariableSearchRequest()
          .filter(f -> f.processInstanceKey(processInstanceKey).scopeKey(processInstanceKey))
          .page(p -> p.limit(1000)).send().join().items()) {
        Object value = client.newVariableGetRequest(variable.getVariableKey()).send().join().getValue();
        variables.put(variable.getName(), new com.fasterxml.jackson.databind.ObjectMapper().readValue(
            (String) value, Object.class));
      }
      Thread.sleep(variables.isEmpty() ? 200 : 0);
    }
    return variables;
  }

  private void awaitCompleted(long processInstanceKey) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < until) {
      var found = client.newProcessInstanceSearchRequest().filter(f -> f.processInstanceKey(processInstanceKey))
          .send().join().items();
      if (!found.isEmpty() && found.get(0).getState() == ProcessInstanceState.COMPLETED) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("round process " + processInstanceKey + " did not complete; its elements: "
        + client.newElementInstanceSearchRequest().filter(f -> f.processInstanceKey(processInstanceKey)).send().join()
            .items().stream().map(e -> e.getElementId() + ":" + e.getState()).toList());
  }
}
