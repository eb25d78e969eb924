package cn.relief.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A caseworker's day on a phone: starts a case, fills the intake form that form-js draws, sees the
 * door screening in the task list, completes it; a wrong value comes back on its field; a caseworker
 * of another station is refused the case's page.
 */
@AppIT
class CaseworkerBrowserIT {
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
  void aCaseworkerStartsACaseFillsTheIntakeAndCompletesTheDoorScreening() {
    logIn("li.caseworker");
    browser.get(url("/tasks"));
    browser.findElement(By.id("start-case")).click();

    // the intake form, drawn by form-js
    WebElement province = waitFor(By.cssSelector("input[id$='-Field_province']"));
    assertThat(browser.findElement(By.id("task-name")).getText()).isEqualTo("受理求助");
    String caseUrl = browser.findElement(By.id("task-case")).getAttribute("href");
    province.sendKeys("广东");
    browser.findElement(By.xpath("//label[contains(., '自行求助')]")).click();
    browser.findElement(By.id("complete-task")).click();
    // form-js itself refuses the province without 省/市: it stays on the page with the field's message
    waitFor(By.cssSelector(".fjs-form-field-error"));
    assertThat(browser.getCurrentUrl()).contains("/tasks/");
    province.sendKeys("省");
    browser.findElement(By.id("complete-task")).click();

    new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlMatches(".*/tasks$"));
    assertThat(browser.findElement(By.id("flash")).getText()).contains("任务已提交");
    WebElement screening = new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> {
      driver.navigate().refresh();
      return driver.findElements(By.linkText("门口甄别")).stream().findFirst().orElse(null);
    });
    screening.click();
    waitFor(By.cssSelector("input[id$='-Field_suspectedMentalDisorder']"));
    browser.findElement(By.id("complete-task")).click();
    new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlMatches(".*/tasks$"));
    assertThat(browser.findElement(By.id("flash")).getText()).contains("任务已提交");

    // another station's caseworker opens the case's address
    browser.manage().deleteAllCookies();
    logIn("chen.caseworker");
    browser.get(caseUrl);
    assertThat(browser.getTitle()).contains("无权访问");
  }

  @Test
  void aWrongIdCheckCharacterComesBackOnTheRegistrationsField() {
    logIn("li.caseworker");
    browser.get(url("/cases"));
    browser.findElement(By.id("start-case")).click();
    waitFor(By.cssSelector("input[id$='-Field_province']")).sendKeys("广东省");
    String caseUrl = browser.findElement(By.id("task-case")).getAttribute("href");
    browser.findElement(By.xpath("//label[contains(., '自行求助')]")).click();
    browser.findElement(By.id("complete-task")).click();
    new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlMatches(".*/tasks$"));

    // the case's page lists its open tasks
    openFromCase(caseUrl, "门口甄别");
    waitFor(By.cssSelector("input[id$='-Field_suspectedMentalDisorder']"));
    browser.findElement(By.id("complete-task")).click();
    new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlMatches(".*/tasks$"));

    openFromCase(caseUrl, "求助登记");
    waitFor(By.cssSelector("input[id$='-Field_fullName']")).sendKeys("张三");
    browser.findElement(By.cssSelector("input[id$='-Field_idNumber']")).sendKeys("110105194912310021");
    browser.findElement(By.cssSelector("input[id$='-Field_age']")).sendKeys("45");
    for (WebElement radio : browser.findElements(By.cssSelector(".fjs-form-field-radio"))) {
      radio.findElements(By.cssSelector("input[type=radio]")).stream().findFirst().ifPresent(WebElement::click);
    }
    // form-js draws a select as its own drop-down list: open it, pick the first entry
    browser.findElement(By.cssSelector(".fjs-form-field-select .fjs-input-group")).click();
    waitFor(By.cssSelector(".fjs-dropdownlist-item")).click();
    browser.findElement(By.id("complete-task")).click();

    // the server's message on the ID number's field (form-js's error state, or our own element)
    WebElement field = browser.findElement(By.cssSelector("input[id$='-Field_idNumber']"))
        .findElement(By.xpath("ancestor::div[contains(concat(' ', @class, ' '), ' fjs-form-field ')]"));
    new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> field.getText().contains("公民身份号码无效"));
    assertThat(browser.findElement(By.id("form-problems")).getText()).contains("公民身份号码");
    assertThat(browser.getCurrentUrl()).contains("/tasks/");
  }

  private void openFromCase(String caseUrl, String taskName) {
    browser.get(caseUrl);
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> {
      driver.navigate().refresh();
      return driver.findElements(By.linkText(taskName)).stream().findFirst().orElse(null);
    }).click();
  }

  private WebElement waitFor(By locator) {
    return new WebDriverWait(browser, Duration.ofSeconds(15))
        .withMessage(() -> "the page shows: " + browser.findElement(By.tagName("body")).getText())
        .until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  private void logIn(String username) {
    browser.get(url("/login"));
    browser.findElement(By.name("username")).sendKeys(username);
    browser.findElement(By.name("password")).sendKeys("demo-2026");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
