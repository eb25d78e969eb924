package cn.relief.app.keypersons;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.WebBrowser;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The key-persons database: registration only with the guardian's consent; who sees what of an
 * entry; a new case matched against it, the match proposed to the caseworker, and applied only
 * when they confirm it.
 */
@AppIT
class KeyPersonsIT {
  private static final String ID_NUMBER = "440106194803120027";
  private static final String GUARDIAN_PHONE = "13912345678";

  @LocalServerPort int port;
  @Autowired CamundaClient client;
  @Autowired JdbcTemplate jdbc;

  @Test
  void anEntryNeedsConsentAndEachRoleSeesWhatItNeeds() throws Exception {
    WebBrowser head = logIn("wang.head");
    String page = head.get("/key-persons").body();
    long before = count();
    HttpResponse<String> refused = head.post("/key-persons", form(page, "欧阳秀英", false));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("没有监护人的同意不能登记", "欧阳秀英");
    assertThat(count()).as("nothing stored").isEqualTo(before);

    HttpResponse<String> registered = head.post("/key-persons", form(page, "欧阳秀英", true));
    assertThat(registered.statusCode()).isEqualTo(302);
    long id = jdbc.queryForObject("SELECT max(id) FROM relief_app.key_person WHERE name = '欧阳秀英'", Long.class);

    // the station head sees the entry in full
    assertThat(row(head.get("/key-persons").body(), id)).contains(ID_NUMBER, GUARDIAN_PHONE);
    // the station's caseworker recognises the person, without the ID number or the guardian's phone
    assertThat(row(logIn("li.caseworker").get("/key-persons").body(), id)).contains("欧阳秀英", "失智", "左脸有痣")
        .contains("4401**********0027").doesNotContain(ID_NUMBER, GUARDIAN_PHONE);
    // another station's caseworker does not see it; the regional centre does, in full; the auditor masked
    assertThat(logIn("chen.caseworker").get("/key-persons").body()).doesNotContain("欧阳秀英");
    assertThat(row(logIn("zhao.centre").get("/key-persons").body(), id)).contains(ID_NUMBER, GUARDIAN_PHONE);
    assertThat(row(logIn("sun.auditor").get("/key-persons").body(), id)).doesNotContain(ID_NUMBER, GUARDIAN_PHONE);
    assertThat(row(logIn("admin").get("/key-persons").body(), id)).as("administrators manage accounts, not people")
        .contains("欧阳秀英").doesNotContain(ID_NUMBER, GUARDIAN_PHONE);
    WebBrowser auditor = logIn("sun.auditor");
    assertThat(auditor.post("/key-persons", form(auditor.get("/key-persons").body(), "某某", true)).statusCode())
        .as("auditors read only").isEqualTo(403);
    assertThat(logIn("zhang.policy").get("/key-persons").statusCode()).as("policy staff").isEqualTo(403);
  }

  @Test
  void aNewCaseIsMatchedAndTheCaseworkerConfirmsOrRejects() throws Exception {
    WebBrowser head = logIn("wang.head");
    head.post("/key-persons", form(head.get("/key-persons").body(), "司马桂兰", true));
    long id = jdbc.queryForObject("SELECT max(id) FROM relief_app.key_person WHERE name = '司马桂兰'", Long.class);
    // a namesake four years older who also wears a blue jacket: proposed too, rejected below
    head.post("/key-persons", namesake(head.get("/key-persons").body()));
    long namesake = jdbc.queryForObject("SELECT max(id) FROM relief_app.key_person WHERE name = '司马桂兰'", Long.class);

    // a case at the station: an old woman registered with a near name, her features in the intake note
    Map<String, Object> variables = new HashMap<>(Map.of("stationId", "org-station-tianhe", "fullName", "司马贵兰",
        "gender", "FEMALE", "age", 2026 - 1948, "intakeNote", "老人左脸有痣，穿蓝色外套"));
    long instance = client.newCreateInstanceCommand().bpmnProcessId("relief-case").latestVersion().variables(variables)
        .send().join().getProcessInstanceKey();
    WebBrowser caseworker = logIn("li.caseworker");
    String matches = awaitPage(caseworker, "/cases/" + instance + "/key-persons", "proposal-" + id);
    assertThat(matches).contains("司马桂兰", "姓名相近", "体貌特征相符").doesNotContain(GUARDIAN_PHONE);
    assertThat(matches).as("the namesake").contains("proposal-" + namesake);
    assertThat(logIn("chen.caseworker").get("/cases/" + instance + "/key-persons").statusCode())
        .as("another station's case").isEqualTo(403);
    assertThat(variable(instance, "keyPersonId")).as("nothing applied by itself").isNull();

    String csrf = WebBrowser.csrf(matches);
    // an entry not proposed for this case cannot be confirmed into it (its guardian's phone would show)
    head.post("/key-persons", form(head.get("/key-persons").body(), "诸葛明", true));
    long unrelated = jdbc.queryForObject("SELECT max(id) FROM relief_app.key_person WHERE name = '诸葛明'", Long.class);
    assertThat(caseworker.post("/cases/" + instance + "/key-persons/" + unrelated,
        "decision=CONFIRMED&_csrf=" + WebBrowser.enc(csrf)).statusCode()).isEqualTo(404);
    assertThat(caseworker.post("/cases/" + instance + "/key-persons/" + namesake,
        "decision=REJECTED&_csrf=" + WebBrowser.enc(csrf)).statusCode()).isEqualTo(302);
    assertThat(caseworker.post("/cases/" + instance + "/key-persons/" + id,
        "decision=CONFIRMED&_csrf=" + WebBrowser.enc(csrf)).statusCode()).isEqualTo(302);
    String after = caseworker.get("/cases/" + instance + "/key-persons").body();
    assertThat(after).contains("已确认", "confirmed-" + id, GUARDIAN_PHONE).doesNotContain("proposal-" + namesake,
        "proposal-" + id);
    assertThat(variable(instance, "keyPersonId")).isEqualTo(String.valueOf(id));
    assertThat(caseworker.post("/cases/" + instance + "/key-persons/" + namesake,
        "decision=CONFIRMED&_csrf=" + WebBrowser.enc(csrf)).statusCode()).as("rejected once, decided").isEqualTo(404);

    // a case with no name yet (found on a patrol, say) is matched on what it has
    long nameless = client.newCreateInstanceCommand().bpmnProcessId("relief-case").latestVersion()
        .variables(Map.of("stationId", "org-station-tianhe", "discoveryDescription", "老人左脸有痣")).send().join()
        .getProcessInstanceKey();
    awaitPage(caseworker, "/cases/" + nameless + "/key-persons", "csrf");
    client.newCancelInstanceCommand(nameless).send().join();
    assertThat(variable(instance, "keyPersonRisk")).isEqualTo("\"DEMENTIA\"");
    assertThat(jdbc.queryForObject("SELECT decided_by FROM relief_app.key_person_match WHERE case_instance_key = ?"
        + " AND key_person_id = ?", String.class, instance, id)).isEqualTo("li.caseworker");
  }

  @Test
  void aPersonGoneAgainAfterReturningHomeIsSuggestedForRegistrationToTheirStation() throws Exception {
    // a valid, unregistered ID number (440106195205170010: check character computed by GB 11643)
    Map<String, Object> referral = new HashMap<>(Map.of("caseNumber", "GD-2026-0777", "fullName", "上官建国",
        "idNumber", "440106195205170010", "stationId", "org-station-tianhe", "destination", "湖南省长沙市",
        "province", "广东省", "followUpIntervals", List.of("PT1S")));
    client.newPublishMessageCommand().messageName("relief-return-follow-up").correlationKey("")
        .messageId("follow-up-" + System.nanoTime()).variables(referral).send().join();
    var task = awaitVisit();
    client.newCompleteUserTaskCommand(task.getUserTaskKey())
        .variables(Map.of("status", "LEFT_AGAIN", "notes", "家人称其再次外出打工未归，去向不明")).send().join();
    long followUp = task.getProcessInstanceKey();

    WebBrowser caseworker = logIn("li.caseworker");
    String page = awaitPage(caseworker, "/key-persons", "signal-" + followUp);
    assertThat(page).contains("上官建国", "GD-2026-0777", "返乡后再次外出的人员");
    assertThat(logIn("chen.caseworker").get("/key-persons").body()).as("another station's")
        .doesNotContain("上官建国");
    String prefilled = caseworker.get("/key-persons?fromFollowUp=" + followUp).body();
    assertThat(prefilled).contains("value=\"上官建国\"", "value=\"440106195205170010\"")
        .containsPattern("<option value=\"REPEATED_VAGRANCY\" selected");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM relief_app.key_person WHERE name = '上官建国'", Long.class))
        .as("nothing registered by itself").isZero();
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private WebBrowser logIn(String username) throws Exception {
    WebBrowser browser = new WebBrowser(port);
    browser.logIn(username, "demo-2026");
    return browser;
  }

  private static String form(String page, String name, boolean consent) {
    return "name=" + WebBrowser.enc(name) + "&idNumber=" + ID_NUMBER + "&sex=FEMALE&birthYear=1948&risk=DEMENTIA"
        + "&features=" + WebBrowser.enc("左脸有痣、蓝色外套") + "&homeArea=" + WebBrowser.enc("广州市天河区")
        + "&guardianName=" + WebBrowser.enc("张明") + "&guardianRelation=" + WebBrowser.enc("儿子")
        + "&guardianPhone=" + GUARDIAN_PHONE + "&consentDate=2026-11-01" + (consent ? "&consent=true" : "")
        + "&_csrf=" + WebBrowser.enc(WebBrowser.csrf(page));
  }

  private static String namesake(String page) {
    return "name=" + WebBrowser.enc("司马桂兰") + "&sex=FEMALE&birthYear=1944&risk=INTELLECTUAL_DISABILITY"
        + "&features=" + WebBrowser.enc("蓝色外套")
        + "&guardianName=" + WebBrowser.enc("李强") + "&guardianRelation=" + WebBrowser.enc("侄子")
        + "&guardianPhone=13800001111&consentDate=2026-10-01&consent=true&_csrf=" + WebBrowser.enc(WebBrowser.csrf(page));
  }

  private UserTask awaitVisit() throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < until) {
      var tasks = client.newUserTaskSearchRequest().filter(f -> f.elementId("UserTask_visit")
          .state(UserTaskState.CREATED)).send().join().items();
      var mine = tasks.stream().filter(t -> "return-follow-up".equals(t.getBpmnProcessId())).findFirst();
      if (mine.isPresent()) {
        return mine.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no follow-up visit appeared");
  }

  private long count() {
    return jdbc.queryForObject("SELECT count(*) FROM relief_app.key_person", Long.class);
  }

  private static String row(String page, long id) {
    int start = page.indexOf("id=\"key-person-" + id + "\"");
    assertThat(start).as("row of key person " + id).isPositive();
    return page.substring(start, page.indexOf("</tr>", start));
  }

  /** The case's page once the engine's search finds the new case (its history lags a moment). */
  private static String awaitPage(WebBrowser browser, String path, String expected) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      HttpResponse<String> page = browser.get(path);
      if (page.statusCode() == 200 && page.body().contains(expected) || System.nanoTime() > until) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return page.body();
      }
      Thread.sleep(200);
    }
  }

  private String variable(long instance, String name) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      var items = client.newVariableSearchRequest().filter(f -> f.processInstanceKey(instance).name(name)).send().join()
          .items();
      if (!items.isEmpty()) {
        return items.get(0).getValue();
      }
      if (System.nanoTime() > until) {
        return null;
      }
      Thread.sleep(100);
    }
  }
}
