package cn.relief.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A station head opens the dashboard on a phone-sized headless Chromium and sees its charts. */
@AppIT
class DashboardBrowserIT {
  @LocalServerPort int port;
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
  void aStationHeadSeesTheChartsOnAPhone() {
    browser.get("http://localhost:" + port + "/login");
    browser.findElement(By.name("username")).sendKeys("wang.head");
    browser.findElement(By.name("password")).sendKeys("demo-2026");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    browser.findElement(By.id("nav-dashboard")).click();

    assertThat(browser.getTitle()).contains("统计");
    // Chromium keeps a minimum window width (about 500 px) whatever --window-size asks: measure the real one
    int viewport = ((Number) browser.executeScript("return document.documentElement.clientWidth")).intValue();
    var charts = browser.findElements(By.cssSelector("svg.bars"));
    assertThat(charts).hasSize(3);
    for (WebElement chart : charts) {
      assertThat(chart.isDisplayed()).isTrue();
      assertThat(chart.getSize().getWidth()).as("fits the window").isBetween(200, viewport);
      assertThat(chart.getSize().getHeight()).isPositive();
    }
    Object pageWidth = browser.executeScript("return document.documentElement.scrollWidth");
    assertThat(((Number) pageWidth).intValue()).as("no sideways scrolling").isLessThanOrEqualTo(viewport);
    assertThat(browser.findElement(By.id("chart-stages")).getText()).contains("受理甄别", "结案");
    assertThat(browser.findElement(By.id("chart-deadlines")).getText()).contains("寻亲公告", "逾期");
    assertThat(browser.findElement(By.cssSelector("#chart-deadlines svg title")).getAttribute("textContent"))
        .startsWith("时限");
  }
}
