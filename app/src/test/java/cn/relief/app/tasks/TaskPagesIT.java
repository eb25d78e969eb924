package cn.relief.app.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.WebBrowser;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The task list, claiming, and completing a task's form through the page's endpoint, per station. */
@AppIT
class TaskPagesIT {
  @LocalServerPort int port;
  @Autowired CamundaClient client;

  @Test
  void aCaseworkerSeesTheOwnStationsTasksClaimsAndUnclaimsAndIsRefusedAnotherStationsTask() throws Exception {
    UserTask tianhe = firstTask(startCase("org-station-tianhe"));
    UserTask baiyun = firstTask(startCase("org-station-baiyun"));
    WebBrowser li = logIn("li.caseworker");

    String list = li.get("/tasks").body();
    assertThat(list).contains("data-task-key=\"" + tianhe.getUserTaskKey() + "\"")
        .doesNotContain("data-task-key=\"" + baiyun.getUserTaskKey() + "\"");
    String key = "data-task-key=\"" + tianhe.getUserTaskKey() + "\"";
    assertThat(li.get("/tasks?process=relief-case&due=all").body()).contains(key);
    assertThat(li.get("/tasks?process=street-patrol").body()).doesNotContain(key);
    assertThat(li.get("/tasks?due=overdue").body()).as("the intake has no due date").doesNotContain(key);
    assertThat(li.get("/tasks?q=" + WebBrowser.enc("受理")).body()).contains(key);
    assertThat(li.get("/tasks?q=" + WebBrowser.enc("没有这样的任务")).body()).doesNotContain(key);
    assertThat(li.get("/tasks?lang=en").body()).contains("My tasks", "Due today", "Claim", key);
    li.get("/tasks?lang=zh-CN");
    HttpResponse<String> refused = li.get("/tasks/" + baiyun.getUserTaskKey());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("无权访问");

    String csrf = WebBrowser.csrf(list);
    assertThat(li.post("/tasks/" + tianhe.getUserTaskKey() + "/assignment", "_csrf=" + WebBrowser.enc(csrf))
        .statusCode()).isEqualTo(302);
    // the page waited for the history (the searches), so the list it goes back to shows the claim
    String mine = li.get("/tasks").body();
    assertThat(mine.substring(mine.indexOf("id=\"tasks-mine\""), mine.indexOf("id=\"tasks-offered\"")))
        .contains("data-task-key=\"" + tianhe.getUserTaskKey() + "\"");
    assertThat(mine).contains("id=\"flash\"");
    assertThat(client.newUserTaskGetRequest(tianhe.getUserTaskKey()).send().join().getAssignee())
        .isEqualTo("li.caseworker");
    assertThat(li.post("/tasks/" + tianhe.getUserTaskKey() + "/unassignment", "_csrf=" + WebBrowser.enc(csrf))
        .statusCode()).isEqualTo(302);
    awaitAssignee(tianhe.getUserTaskKey(), null);
    assertThat(li.post("/tasks/" + baiyun.getUserTaskKey() + "/assignment", "_csrf=" + WebBrowser.enc(csrf))
        .statusCode()).isEqualTo(403);
  }

  @Test
  void aCompletionBreakingTheFormOrWithAWrongIdNumberIsRefusedOnTheFieldsAndAGoodOneCompletes() throws Exception {
    long instance = startCase("org-station-tianhe");
    WebBrowser li = logIn("li.caseworker");
    UserTask intake = firstTask(instance);
    String csrf = WebBrowser.csrf(li.get("/tasks/" + intake.getUserTaskKey()).body());

    HttpResponse<String> missing = li.postJson("/tasks/" + intake.getUserTaskKey() + "/completion",
        "{\"province\":\"广东\"}", csrf);
    assertThat(missing.statusCode()).isEqualTo(422);
    assertThat(missing.body()).contains("\"intakeChannel\":\"此项为必填项\"", "\"province\":\"格式不正确\"");

    HttpResponse<String> done = li.postJson("/tasks/" + intake.getUserTaskKey() + "/completion",
        "{\"intakeChannel\":\"SELF_REFERRAL\",\"province\":\"广东省\",\"notAFormField\":\"x\"}", csrf);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(done.body()).contains("\"location\":\"/tasks\"");
    assertThat(li.get("/tasks").body()).contains("任务已提交");
    Awaitility.await("intake completed").atMost(Duration.ofSeconds(10)).until(() ->
        client.newUserTaskGetRequest(intake.getUserTaskKey()).send().join().getState() == UserTaskState.COMPLETED);

    UserTask screening = awaitTask(instance, "UserTask_doorScreening");
    assertThat(li.postJson("/tasks/" + screening.getUserTaskKey() + "/completion", "{}", csrf).statusCode())
        .isEqualTo(200);
    UserTask registration = awaitTask(instance, "UserTask_registration");
    HttpResponse<String> wrongId = li.postJson("/tasks/" + registration.getUserTaskKey() + "/completion",
        "{\"fullName\":\"张三\",\"idNumber\":\"110105194912310021\",\"gender\":\"MALE\",\"age\":45,"
            + "\"cause\":\"VAGRANCY_OR_BEGGING\"}", csrf);
    assertThat(wrongId.statusCode()).isEqualTo(422);
    assertThat(wrongId.body()).contains("\"idNumber\":\"公民身份号码无效");
    assertThat(client.newUserTaskGetRequest(registration.getUserTaskKey()).send().join().getState())
        .isEqualTo(UserTaskState.CREATED);
  }

  @Test
  void theRegistrationListenersDenialThroughTheUsersClientLandsOnTheIdNumberField() throws Exception {
    long instance = startCase("org-station-tianhe");
    client.newCompleteUserTaskCommand(firstTask(instance).getUserTaskKey())
        .variables(Map.of("intakeChannel", "SELF_REFERRAL", "province", "广东省")).send().join();
    client.newCompleteUserTaskCommand(awaitTask(instance, "UserTask_doorScreening").getUserTaskKey()).send().join();
    UserTask registration = awaitTask(instance, "UserTask_registration");
    // past the page's own check: what the engine answers when the task listener denies the completion
    ProblemException denied = org.assertj.core.api.Assertions.catchThrowableOfType(ProblemException.class,
        () -> client.newCompleteUserTaskCommand(registration.getUserTaskKey()).variables(Map.of("fullName", "张三",
            "idNumber", "110105194912310021", "gender", "MALE", "age", 45, "cause", "VAGRANCY_OR_BEGGING"))
            .send().join());
    assertThat(denied.code()).isEqualTo(409);
    assertThat(CompletionRefusal.byField(TaskForms.detail(denied), Map.of("fullName", "姓名", "idNumber", "公民身份号码")))
        .containsOnlyKeys("idNumber");
  }

  private void awaitAssignee(long task, String assignee) {
    Awaitility.await("assignee " + assignee).atMost(Duration.ofSeconds(10)).until(() ->
        java.util.Objects.equals(client.newUserTaskGetRequest(task).send().join().getAssignee(), assignee));
  }

  private long startCase(String stationId) {
    return client.newCreateInstanceCommand().bpmnProcessId("relief-case").latestVersion()
        .variables(Map.of("stationId", stationId)).send().join().getProcessInstanceKey();
  }

  private UserTask firstTask(long instance) {
    return awaitTask(instance, "UserTask_intake");
  }

  private UserTask awaitTask(long instance, String elementId) {
    return Awaitility.await(elementId).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> client.newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(instance).elementId(elementId).state(UserTaskState.CREATED))
            .send().join().items(), items -> !items.isEmpty()).get(0);
  }

  private WebBrowser logIn(String username) throws Exception {
    WebBrowser browser = new WebBrowser(port);
    browser.logIn(username, "demo-2026");
    return browser;
  }
}
