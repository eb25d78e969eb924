package cn.relief.app.web;

import cn.relief.app.AppIT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A caseworker logs in with a phone-sized headless Chromium, in Chinese, then switches to English. */
@AppIT
class LoginBrowserIT {
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
  void aCaseworkerLogsInAndSeesTheirRoleAndStation() {
    browser.get("http://localhost:" + port + "/");
    assertThat(browser.getCurrentUrl()).as("sent to the login page").endsWith("/login");
    assertThat(browser.getTitle()).contains("登录");

    browser.findElement(By.name("username")).sendKeys("li.caseworker");
    browser.findElement(By.name("password")).sendKeys("demo-2026");
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    String page = browser.findElement(By.tagName("body")).getText();
    assertThat(page).contains("个案工作人员").contains("广州市天河区救助管理站");
    browser.get("http://localhost:" + port + "/?lang=en");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("Caseworker");
  }

  @Test
  void aWrongPasswordKeepsThePersonOnTheLoginPageWithAMessage() {
    browser.get("http://localhost:" + port + "/login");
    browser.findElement(By.name("username")).sendKeys("wang.head");
    browser.findElement(By.name("password")).sendKeys("not-the-password");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    assertThat(browser.getCurrentUrl()).contains("/login?error");
    assertThat(browser.findElement(By.tagName("body")).getText()).isNotBlank();
  }
}
