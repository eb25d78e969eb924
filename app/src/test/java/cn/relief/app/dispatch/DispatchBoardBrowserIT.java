package cn.relief.app.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.patrol.PatrolTeams;
import cn.relief.app.patrol.TeamStatus;
import cn.relief.app.reports.PartnerApi;
import cn.relief.app.web.HeadlessChromium;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dispatch board and the patrol page in headless Chromium: the report's marker on the map
 * selects its card, the proposed team is sent with one click, and the team's member (same person
 * here) shares the phone's position (emulated), arrives and records the outcome.
 */
@AppIT
class DispatchBoardBrowserIT {
  private static final Pattern REFERENCE = Pattern.compile("FX-\\d{8}-\\d{6}");

  @LocalServerPort int port;
  @Autowired DispatchRecords records;
  @Autowired PatrolTeams teams;
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
  void aDispatcherSendsTheProposedTeamAndTheTeamReportsBack() throws Exception {
    HttpResponse<String> answer = PartnerApi.report(port, "hotline.12345", "demo-2026", """
        {"source": "HOTLINE_12345", "latitude": 23.1365, "longitude": 113.3300, "locationText": "体育西路地铁站B出口",
         "description": "男子蜷缩在出口旁，衣着单薄", "sex": "MALE", "ageGroup": "ADULT"}""");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    Matcher matcher = REFERENCE.matcher(answer.body());
    assertThat(matcher.find()).isTrue();
    String reference = matcher.group();
    awaitProcess(reference);

    HeadlessChromium.logIn(browser, port, "li.caseworker");
    browser.get("http://localhost:" + port + "/dispatch");

    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    WebElement marker = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#dispatch-map circle.marker.report[data-id='" + reference + "']")));
    assertThat(browser.findElements(By.cssSelector("#dispatch-map circle.marker.team"))).isNotEmpty();
    browser.executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", marker);
    WebElement card = browser.findElement(By.id("report-" + reference));
    wait.until(driver -> card.getAttribute("class").contains("selected"));
    assertThat(card.getText()).contains("体育西路地铁站B出口", "推荐：天河一队");

    card.findElement(By.cssSelector("form.send button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dispatch-sent")));
    assertThat(browser.findElement(By.id("report-" + reference)).getText()).contains("已派遣天河一队");

    browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", "http://localhost:" + port,
        "permissions", List.of("geolocation")));
    browser.executeCdpCommand("Emulation.setGeolocationOverride",
        Map.of("latitude", 23.1362, "longitude", 113.3302, "accuracy", 10));
    browser.findElement(By.id("nav-patrol")).click();
    assertThat(browser.findElement(By.id("assignment")).getText()).contains(reference, "体育西路地铁站B出口");
    browser.findElement(By.id("share-position")).click();
    wait.until(driver -> driver.findElement(By.id("share-status")).getText().startsWith("位置已共享"));
    assertThat(teams.byId("team-tianhe-1").orElseThrow().position().latitude()).isEqualTo(23.1362);

    browser.findElement(By.id("arrived")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("arrived-at")));
    browser.findElement(By.cssSelector("input[name=outcome][value=REFUSES_HELP]")).click();
    browser.findElement(By.name("findings")).sendKeys("已劝导，发放棉衣，告知救助站地址");
    browser.findElement(By.id("conclude")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("patrol-concluded")));
    assertThat(browser.findElement(By.id("no-assignment")).isDisplayed()).isTrue();
    assertThat(records.byReference(reference)).as("closed").isEmpty();
    assertThat(teams.byId("team-tianhe-1").orElseThrow().status()).isEqualTo(TeamStatus.FREE);
  }

  private void awaitProcess(String reference) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < until) {
      if (records.byReference(reference).map(OpenReport::processInstanceKey).isPresent()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the process of report " + reference + " did not start");
  }
}
