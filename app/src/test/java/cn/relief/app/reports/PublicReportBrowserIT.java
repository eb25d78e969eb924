package cn.relief.app.reports;

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The public report page on a phone-sized headless Chromium, without logging in: a place picked on
 * the map, or taken from the phone's location (emulated), the report sent, the reference shown.
 */
@AppIT
class PublicReportBrowserIT {
  @LocalServerPort int port;
  @Autowired ReportStore store;
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
  void aPasserByPicksThePlaceOnTheMapAndSendsAReport() {
    browser.get("http://localhost:" + port + "/report");
    assertThat(browser.getCurrentUrl()).as("no login asked").endsWith("/report");
    WebElement guangzhou = new WebDriverWait(browser, Duration.ofSeconds(15))
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector("#report-map path[data-code='440100']")));
    // zoom in twice around the centre, then pick inside Guangzhou
    browser.findElement(By.cssSelector("#report-map .zoom button")).click();
    guangzhou = browser.findElement(By.cssSelector("#report-map path[data-code='440100']"));
    guangzhou.click();
    String latitude = browser.findElement(By.id("latitude")).getDomProperty("value");
    String longitude = browser.findElement(By.id("longitude")).getDomProperty("value");
    assertThat(Double.parseDouble(latitude)).isBetween(22.5, 24.0);
    assertThat(Double.parseDouble(longitude)).isBetween(112.9, 114.1);
    assertThat(browser.findElement(By.id("report-picked")).getText()).startsWith("已选位置");
    assertThat(browser.findElements(By.cssSelector("#report-map circle.pick"))).hasSize(1);

    browser.findElement(By.name("locationText")).sendKeys("北京路步行街南口");
    browser.findElement(By.name("description")).sendKeys("一名少年独自在街边，说找不到家人");
    new Select(browser.findElement(By.name("ageGroup"))).selectByValue("MINOR");
    browser.findElement(By.id("report-submit")).click();

    WebElement reference = new WebDriverWait(browser, Duration.ofSeconds(15))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("report-reference")));
    DiscoveryReport report = store.byReference(reference.getText()).orElseThrow();
    assertThat(report.areaName()).isEqualTo("广州市");
    assertThat(report.ageGroup()).isEqualTo(AgeGroup.MINOR);
    assertThat(report.place().latitude()).isEqualTo(Double.parseDouble(latitude));
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("报告已收到", "谢谢");
  }

  @Test
  void thePhonesLocationFillsThePlaceAndARefusalKeepsIt() {
    browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", "http://localhost:" + port,
        "permissions", List.of("geolocation")));
    // Shenzhen, Futian
    browser.executeCdpCommand("Emulation.setGeolocationOverride",
        Map.of("latitude", 22.5410, "longitude", 114.0550, "accuracy", 20));
    browser.get("http://localhost:" + port + "/report?lang=en");
    assertThat(browser.getTitle()).isEqualTo("Report a person in need");
    new WebDriverWait(browser, Duration.ofSeconds(15))
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#report-map path")));
    browser.findElement(By.id("report-locate")).click();
    new WebDriverWait(browser, Duration.ofSeconds(15))
        .until(driver -> !driver.findElement(By.id("latitude")).getDomProperty("value").isEmpty());
    assertThat(browser.findElement(By.id("latitude")).getDomProperty("value")).isEqualTo("22.541000");
    assertThat(browser.findElement(By.id("longitude")).getDomProperty("value")).isEqualTo("114.055000");

    // no description: refused, the place and what was typed kept
    browser.findElement(By.name("locationText")).sendKeys("Futian station exit 3");
    browser.findElement(By.id("report-submit")).click();
    // the browser's own check (required) stops the first try; the server's stops a too short text
    browser.findElement(By.name("description")).sendKeys("sad");
    browser.findElement(By.id("report-submit")).click();
    new WebDriverWait(browser, Duration.ofSeconds(15))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("report-invalid")));
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("Describe what you saw");
    assertThat(browser.findElement(By.name("locationText")).getDomProperty("value")).isEqualTo("Futian station exit 3");
    assertThat(browser.findElement(By.id("latitude")).getDomProperty("value")).isEqualTo("22.541000");
    assertThat(browser.findElement(By.id("report-picked")).getText()).contains("22.54100", "114.05500");

    browser.findElement(By.name("description")).sendKeys(" - an old man sleeping on the ground");
    browser.findElement(By.id("report-submit")).click();
    WebElement reference = new WebDriverWait(browser, Duration.ofSeconds(15))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("report-reference")));
    assertThat(store.byReference(reference.getText()).orElseThrow().areaName()).isEqualTo("深圳市");
  }
}
