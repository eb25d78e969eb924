package cn.relief.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.WebBrowser;
import cn.relief.app.models.TestModels;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Script in the names people give things: a process, its tasks and a form's labels carrying
 * {@code <script>alert(1)</script>} and {@code "><img src=x onerror=alert(1)>}, deployed through
 * the Models page, then every page that shows them opened in headless Chromium. No alert opens,
 * no element of the payload enters the page, and the names are shown as the text they are.
 *
 * <p>The pages' Content-Security-Policy ({@code script-src 'self'}) would stop an inline script
 * even if a page let it in; the DOM check is what finds the page that lets it in.
 */
@AppIT
class ScriptInjectionBrowserIT {
  private static final String SCRIPT = "<script>alert(1)</script>";
  private static final String ATTRIBUTE = "\"><img src=x onerror=alert(1)>";
  private static final String NAME = "救助 " + SCRIPT + ATTRIBUTE;
  /** Elements or handlers of the payloads found in the page (none expected). */
  private static final String INJECTED = """
      var found = [];
      document.querySelectorAll('img[src="x"], [onerror]').forEach(function (e) { found.push(e.outerHTML); });
      document.querySelectorAll('script').forEach(function (s) {
        if ((s.textContent || '').indexOf('alert(1)') >= 0) { found.push(s.outerHTML); }
      });
      return found;
      """;

  @LocalServerPort int port;
  @Autowired CamundaClient admin;

  @Test
  void namesAndLabelsWithScriptAreShownAsTextOnEveryPage() throws Exception {
    String processId = TestModels.uniqueId("xss");
    String formId = processId + "-form";
    WebBrowser pages = new WebBrowser(port);
    pages.logIn("admin", "demo-2026");
    String csrf = WebBrowser.csrf(pages.get("/").body());
    ObjectMapper json = new ObjectMapper();
    String form = json.writeValueAsString(Map.of("id", formId, "type", "default", "schemaVersion", 16,
        "components", List.of(
            Map.of("type", "textfield", "id", "Field_note", "key", "note", "label", SCRIPT, "description", ATTRIBUTE),
            Map.of("type", "textfield", "id", "Field_other", "key", "other", "label", ATTRIBUTE))));
    deploy(pages, csrf, json, formId + ".form", form);
    for (String taskName : List.of("核查", NAME)) {
      String bpmn = Bpmn.convertToString(Bpmn.createExecutableProcess(processId).name(NAME).startEvent("start")
          .name(NAME).userTask("wait", t -> t.name(taskName).zeebeUserTask().zeebeAssignee("admin")
              .zeebeFormId(formId)).endEvent("end").done());
      deploy(pages, csrf, json, processId + ".bpmn", bpmn);
    }
    long instance = admin.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
        .variables(Map.of("stationId", "org-station-tianhe", "note", NAME)).send().join().getProcessInstanceKey();
    long task = Awaitility.await("the task").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> admin.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(instance)).send().join()
            .items(), items -> !items.isEmpty()).get(0).getUserTaskKey();

    ChromeDriver browser = HeadlessChromium.start();
    List<String> problems = new ArrayList<>();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      browser.get(url("/login"));
      browser.findElement(By.name("username")).sendKeys("admin");
      browser.findElement(By.name("password")).sendKeys("demo-2026");
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(d -> !d.getCurrentUrl().contains("/login"));

      // {page, what shows the names ("" when the page need not show them), readiness selector}
      String[][] visits = {
          {"/models", NAME, null},
          {"/models/process/" + processId + "/compare?from=1&to=2", NAME, "#compare[data-ready='true']"},
          {"/models/process/" + processId + "/edit", "", "#editor[data-ready='true']"},
          {"/models/form/" + formId + "/edit", "", "#editor[data-ready='true']"},
          {"/tasks", NAME, null},
          {"/tasks/" + task, SCRIPT, ".fjs-form-field"},
          {"/cases/" + instance, "", null},
          {"/audit", "", null},
          {"/audit/cases/" + instance, "", null},
          {"/dashboard", "", null},
      };
      for (String[] visit : visits) {
        browser.get(url(visit[0]));
        if (visit[2] != null) {
          try {
            wait.until(d -> !d.findElements(By.cssSelector(visit[2])).isEmpty());
          } catch (TimeoutException e) {
            problems.add(visit[0] + ": did not become ready (" + visit[2] + ")");
          }
        }
        Thread.sleep(300); // the page's own scripts (diagram, form) finish drawing
        try {
          browser.switchTo().alert();
          problems.add(visit[0] + ": an alert opened");
          browser.switchTo().alert().dismiss();
        } catch (NoAlertPresentException expected) {
          // no script of the payload ran
        }
        @SuppressWarnings("unchecked")
        List<String> injected = (List<String>) browser.executeScript(INJECTED);
        if (!injected.isEmpty()) {
          problems.add(visit[0] + ": payload elements in the page: " + injected);
        }
        String text = browser.findElement(By.tagName("body")).getText();
        if (!visit[1].isEmpty() && !text.contains(visit[1])) {
          problems.add(visit[0] + ": expected the name shown as text: " + visit[1]);
        }
        System.out.printf("ScriptInjectionBrowserIT %s: %d payload elements, name shown as text: %s%n", visit[0],
            injected.size(), text.contains(SCRIPT));
      }
    } finally {
      browser.quit();
    }
    assertThat(problems).isEmpty();
  }

  private static void deploy(WebBrowser pages, String csrf, ObjectMapper json, String name, String content)
      throws Exception {
    HttpResponse<String> deployed = pages.postJson("/models/deployment",
        json.writeValueAsString(Map.of("resourceName", name, "content", content)), csrf);
    assertThat(deployed.statusCode()).as(name + ": " + deployed.body()).isEqualTo(200);
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
