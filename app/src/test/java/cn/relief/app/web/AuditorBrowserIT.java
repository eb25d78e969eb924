package cn.relief.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.StationCase;
import cn.relief.app.security.UserEngineClients;
import io.camunda.client.CamundaClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The auditor's journey on a phone-sized headless Chromium: log in, find the finished case by its
 * number, open it, see the diagram with the completed elements marked and the who-did-what log,
 * and download the case file as CSV with the browser's session.
 */
@AppIT
class AuditorBrowserIT {
  @LocalServerPort int port;
  @Autowired UserEngineClients clients;
  private ChromeDriver browser;

  @BeforeEach
  void openBrowser() {
    browser = HeadlessChromium.start();
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void theAuditorOpensAFinishedCaseAndSeesItsMarkedDiagramAndLog() throws Exception {
    String caseNumber;
    try (CamundaClient caseworker = clients.open("li.caseworker", "demo-2026");
        CamundaClient head = clients.open("wang.head", "demo-2026")) {
      caseNumber = StationCase.start(caseworker, head).sendHome().caseNumber();
    }

    browser.get("http://localhost:" + port + "/login");
    browser.findElement(By.name("username")).sendKeys("sun.auditor");
    browser.findElement(By.name("password")).sendKeys("demo-2026");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    browser.findElement(By.id("nav-audit")).click();
    browser.findElement(By.id("caseNumber")).sendKeys(caseNumber);
    browser.findElement(By.id("search")).click();
    // the search page may list the case already: wait for the results of this search, not the old page's link
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("caseNumber="));
    new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
        .until(driver -> {
          driver.findElement(By.linkText(caseNumber)).click();
          return true;
        });

    assertThat(browser.findElement(By.id("case-number")).getText()).isEqualTo(caseNumber);
    WebElement diagram = browser.findElement(By.id("diagram"));
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(driver -> diagram.getAttribute("data-ready") != null);
    assertThat(diagram.getAttribute("data-ready")).as(browser.findElement(By.id("diagram-error")).getText())
        .isEqualTo("true");
    List<String> completed = diagram.findElements(By.cssSelector("svg g.djs-element.audit-completed")).stream()
        .map(element -> element.getAttribute("data-element-id")).toList();
    assertThat(completed).contains("UserTask_intake", "UserTask_registration", "UserTask_closure");
    assertThat(diagram.findElements(By.cssSelector("svg g.djs-element.audit-active"))).isEmpty();
    assertThat(diagram.findElements(By.cssSelector(".audit-overlay"))).isNotEmpty();
    assertThat(browser.findElement(By.id("log")).getText()).contains("li.caseworker", "wang.head");
    assertThat(browser.findElement(By.id("verification-result")).getAttribute("data-valid")).isEqualTo("true");

    // the download with the browser's own session
    String csvLink = browser.findElement(By.id("export-csv")).getAttribute("href");
    String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
    HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csvLink))
        .header("Cookie", "JSESSIONID=" + session).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(value ->
        assertThat(value).contains("attachment", ".csv"));
    assertThat(csv.body()).contains(caseNumber, "li.caseworker");
  }
}
