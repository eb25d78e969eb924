package cn.relief.app.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.web.HeadlessChromium;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A round in headless Chromium at phone size: the regional centre sends an extra round to 白云一队
 * from the areas page; the team's member starts it, checks in at a checkpoint with the check-in
 * button (the phone's position emulated), records a person found (placed where the phone is) and
 * finishes the round.
 */
@AppIT
class PatrolRoundsBrowserIT {
  @LocalServerPort int port;
  @Autowired PatrolRounds rounds;
  @Autowired Findings findings;
  @Autowired JdbcTemplate jdbc;
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
  void aMemberWalksARoundCheckingInAndRecordingAPersonFound() {
    // the page reloads after a check-in: an element may go stale while it is waited for
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.ignoring(StaleElementReferenceException.class);
    HeadlessChromium.logIn(browser, port, "zhao.centre");
    browser.get("http://localhost:" + port + "/patrol/areas");
    WebElement area = browser.findElement(By.id("area-area-baiyun-sanyuanli"));
    new Select(area.findElement(By.cssSelector("form.extra-round select[name=teamId]"))).selectByValue("team-baiyun-1");
    area.findElement(By.cssSelector("form.extra-round button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("round-added")));
    long id = jdbc.queryForObject("SELECT max(id) FROM relief_app.patrol_round WHERE area_id = 'area-baiyun-sanyuanli'"
        + " AND kind = 'EXTRA'", Long.class);

    browser.manage().deleteAllCookies();
    HeadlessChromium.logIn(browser, port, "chen.caseworker");
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", "http://localhost:" + port,
        "permissions", List.of("geolocation")));
    // 30 m from the checkpoint 三元里地铁站
    browser.executeCdpCommand("Emulation.setGeolocationOverride",
        Map.of("latitude", 23.1627, "longitude", 113.2611, "accuracy", 10));
    browser.get("http://localhost:" + port + "/patrol");
    round(id).findElement(By.cssSelector("button.start-round")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("round-done")));
    assertThat(browser.findElement(By.id("round-done")).getText()).contains("已开始本轮巡查");

    browser.findElement(By.id("checkin-note")).sendKeys("地铁站C出口无人滞留");
    browser.findElement(By.id("check-in")).click();
    wait.until(driver -> round(id).findElement(By.cssSelector("ol.checkpoints li")).getAttribute("class")
        .contains("ok"));
    assertThat(round(id).findElements(By.cssSelector("ol.checkpoints li.ok"))).hasSize(1);

    WebElement finding = round(id).findElement(By.cssSelector("form.finding"));
    finding.findElement(By.name("locationText")).sendKeys("三元里地铁站C出口");
    finding.findElement(By.name("description")).sendKeys("男，约70岁，说不清住址，衣着单薄");
    new Select(finding.findElement(By.name("sex"))).selectByValue("MALE");
    new Select(finding.findElement(By.name("ageGroup"))).selectByValue("ELDERLY");
    finding.findElement(By.name("acceptsHelp")).click();
    finding.findElement(By.cssSelector("button.add-finding")).click();
    wait.until(driver -> round(id).getText().contains("发现人员（1）"));
    assertThat(findings.ofRound(id)).singleElement().satisfies(found -> {
      assertThat(found.username()).isEqualTo("chen.caseworker");
      assertThat(found.place()).as("where the phone was").isNotNull();
      assertThat(found.place().latitude()).isEqualTo(23.1627);
    });

    round(id).findElement(By.cssSelector("button.finish-round")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("round-done")));
    assertThat(browser.findElement(By.id("round-done")).getText()).contains("已结束本轮巡查");
    assertThat(browser.findElements(By.id("round-" + id))).isEmpty();
    assertThat(rounds.byId(id).orElseThrow().finished()).isTrue();
  }

  private WebElement round(long id) {
    return browser.findElement(By.id("round-" + id));
  }
}
