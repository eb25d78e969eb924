package cn.relief.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.models.TestModels;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.Process;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Policy staff's journey in a phone-sized headless Chromium: open a process in the modeler,
 * rename a task and break its job type through bpmn-js, see the engine's problem marked on the
 * task, fix it, deploy, and find the new version in the list. The process is a copy of the test's
 * own ({@code models-test-*}): the relief models other tests run stay as they are.
 */
@AppIT
class PolicyStaffBrowserIT {
  /** Sets the zeebe job type of the element "wait" through the modeler's API, as its properties would. */
  private static final String SET_JOB_TYPE = """
      var modeler = window.reliefModeler;
      var element = modeler.get('elementRegistry').get('wait');
      var definition = element.businessObject.extensionElements.values
          .filter(function (v) { return v.$type === 'zeebe:TaskDefinition'; })[0];
      modeler.get('modeling').updateModdleProperties(element, definition, { type: arguments[0] });
      """;

  @LocalServerPort int port;
  @Autowired CamundaClient admin;
  private ChromeDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void openBrowser() {
    browser = HeadlessChromium.start();
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void policyStaffEditValidateAndDeployANewVersionOfAProcess() throws Exception {
    String processId = TestModels.uniqueId("browser");
    Process v1 = TestModels.deploy(admin, processId, TestModels.oneTask(processId, "核查"));

    logIn();
    browser.get(url("/models"));
    screenshot("models-list");
    browser.findElement(By.cssSelector("tr[data-process-id='" + processId + "'] a.button")).click();
    awaitEditor();
    assertThat(browser.findElements(By.cssSelector(".djs-element[data-element-id='wait']"))).isNotEmpty();

    // rename the task as the direct-editing box would, and break its job type
    browser.executeScript("var m = window.reliefModeler; "
        + "m.get('modeling').updateLabel(m.get('elementRegistry').get('wait'), '核查身份');");
    browser.executeScript(SET_JOB_TYPE, "=concat(");
    browser.findElement(By.id("validate")).click();
    wait.until(d -> "error".equals(d.findElement(By.id("status")).getDomAttribute("data-state")));
    screenshot("models-problem");
    assertThat(browser.findElements(By.cssSelector(".djs-element.problem[data-element-id='wait']"))).hasSize(1);
    assertThat(browser.findElements(By.cssSelector(".problem-overlay[data-element-id='wait']"))).hasSize(1);
    WebElement problem = browser.findElement(By.cssSelector("#problems li[data-element-id='wait']"));
    assertThat(problem.getText()).contains("job type");
    problem.findElement(By.cssSelector("button.element-link")).click();
    assertThat(browser.executeScript("return window.reliefModeler.get('selection').get()[0].id")).isEqualTo("wait");

    // fixed, it validates and deploys; the edits stay in the editor throughout
    browser.executeScript(SET_JOB_TYPE, "models-test-wait");
    browser.findElement(By.id("validate")).click();
    wait.until(d -> "ok".equals(d.findElement(By.id("status")).getDomAttribute("data-state")));
    assertThat(browser.findElements(By.cssSelector(".djs-element.problem"))).isEmpty();
    browser.findElement(By.id("deploy")).click();
    wait.until(d -> "2".equals(d.findElement(By.id("status")).getDomAttribute("data-version")));

    browser.get(url("/models"));
    assertThat(browser.findElements(By.cssSelector("tr[data-process-id='" + processId + "'] .version[data-version='2']")))
        .hasSize(1);
    long v2 = admin.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId(processId).version(2))
        .send().join().items().get(0).getProcessDefinitionKey();
    String deployed = admin.newProcessDefinitionGetXmlRequest(v2).send().join();
    assertThat(deployed).contains("核查身份", "type=\"models-test-wait\"");
    assertThat(v2).isNotEqualTo(v1.getProcessDefinitionKey());
  }

  @Test
  void theDecisionAndFormEditorsAndTheComparisonOpenWithTheirModels() throws Exception {
    String processId = TestModels.uniqueId("browser-compare");
    TestModels.deploy(admin, processId, TestModels.oneTask(processId, "旧名称"));
    TestModels.deploy(admin, processId, TestModels.oneTask(processId, "新名称"));
    logIn();

    browser.get(url("/models"));
    browser.findElement(By.cssSelector("#decision-list tr[data-decision-id] a.button")).click();
    awaitEditor();
    screenshot("models-decision");
    browser.get(url("/models/form/relief-intake/edit"));
    awaitEditor();
    assertThat(browser.findElements(By.cssSelector("#canvas .fjs-editor-container"))).isNotEmpty();
    screenshot("models-form");

    browser.get(url("/models/process/" + processId + "/compare?from=1&to=2"));
    wait.until(d -> "true".equals(d.findElement(By.id("compare")).getDomAttribute("data-ready")));
    assertThat(browser.findElements(By.cssSelector("#from-canvas .djs-element.diff-changed[data-element-id='wait']")))
        .hasSize(1);
    assertThat(browser.findElements(By.cssSelector("#to-canvas .djs-element.diff-changed[data-element-id='wait']")))
        .hasSize(1);
    screenshot("models-compare");
  }

  /** Waits for the editor to show its model; says what the page says if it does not. */
  private void awaitEditor() {
    try {
      wait.until(d -> "true".equals(d.findElement(By.id("editor")).getDomAttribute("data-ready")));
    } catch (TimeoutException e) {
      throw new AssertionError("the editor did not open its model: " + browser.findElement(By.id("status")).getText(), e);
    }
  }

  private void logIn() {
    browser.get(url("/login"));
    browser.findElement(By.name("username")).sendKeys("zhang.policy");
    browser.findElement(By.name("password")).sendKeys("demo-2026");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }

  /** For a person to look at (README screenshots); not compared. */
  private void screenshot(String name) throws IOException {
    Path folder = Path.of("target", "screenshots");
    Files.createDirectories(folder);
    Files.write(folder.resolve(name + ".png"),
        browser.getScreenshotAs(OutputType.BYTES));
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
