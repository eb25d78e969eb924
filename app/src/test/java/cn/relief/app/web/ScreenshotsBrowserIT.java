package cn.relief.app.web;

import cn.relief.app.AppIT;
import cn.relief.app.StationCase;
import cn.relief.app.security.UserEngineClients;
import io.camunda.client.CamundaClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The README's screenshots of the main pages, taken from the running application in headless
 * Chromium. Not a check: runs only when asked,
 * {@code mvn -pl app -am verify -Dtest=none -Dit.test=ScreenshotsBrowserIT -Drelief.screenshots=$PWD/docs/screenshots}.
 */
@AppIT
@EnabledIfSystemProperty(named = "relief.screenshots", matches = ".+")
class ScreenshotsBrowserIT {
  @LocalServerPort int port;
  @Autowired UserEngineClients clients;

  @Test
  void takeTheMainPages() throws Exception {
    Path folder = Path.of(System.getProperty("relief.screenshots"));
    Files.createDirectories(folder);
    long finished;
    long open;
    try (CamundaClient caseworker = clients.open("li.caseworker", "demo-2026");
        CamundaClient head = clients.open("wang.head", "demo-2026")) {
      finished = StationCase.start(caseworker, head).sendHome().instance();
      open = StationCase.start(caseworker, head).instance();
    }
    ChromeDriver browser = HeadlessChromium.start();
    try {
      browser.manage().window().setSize(new Dimension(1280, 860));
      browser.get(url("/login"));
      shot(browser, folder, "login");
      logIn(browser, "li.caseworker");
      browser.get(url("/tasks"));
      shot(browser, folder, "tasks");
      new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> {
        driver.navigate().refresh();
        return driver.findElements(By.linkText("门口甄别")).stream().findFirst().orElse(null);
      }).click();
      new WebDriverWait(browser, Duration.ofSeconds(20))
          .until(driver -> !driver.findElements(By.cssSelector(".fjs-form-field")).isEmpty());
      shot(browser, folder, "task-form");
      browser.get(url("/cases/" + open));
      shot(browser, folder, "case");
      browser.manage().window().setSize(new Dimension(390, 844));
      browser.get(url("/tasks"));
      shot(browser, folder, "tasks-phone");
      browser.manage().window().setSize(new Dimension(1280, 860));
      logOut(browser);

      logIn(browser, "zhang.policy");
      browser.get(url("/models"));
      shot(browser, folder, "models");
      browser.get(url("/models/process/relief-case/edit"));
      awaitCanvas(browser);
      shot(browser, folder, "modeler");
      logOut(browser);

      logIn(browser, "sun.auditor");
      browser.manage().window().setSize(new Dimension(1280, 1500));
      browser.get(url("/audit/cases/" + finished));
      new WebDriverWait(browser, Duration.ofSeconds(20))
          .until(driver -> driver.findElement(By.id("diagram")).getAttribute("data-ready") != null);
      shot(browser, folder, "audit");
      logOut(browser);

      logIn(browser, "wang.head");
      browser.get(url("/dashboard"));
      shot(browser, folder, "dashboard");
      logOut(browser);
      browser.manage().window().setSize(new Dimension(1280, 860));
    } finally {
      browser.quit();
    }
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private void logIn(ChromeDriver browser, String username) {
    browser.get(url("/login"));
    browser.findElement(By.name("username")).sendKeys(username);
    browser.findElement(By.name("password")).sendKeys("demo-2026");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }

  private void logOut(ChromeDriver browser) {
    browser.manage().deleteAllCookies();
  }

  private static void awaitCanvas(ChromeDriver browser) {
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(driver -> !driver.findElements(By.cssSelector(".djs-container svg g.djs-element")).isEmpty());
  }

  private static void shot(ChromeDriver browser, Path folder, String name) throws Exception {
    Thread.sleep(500);
    Files.write(folder.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }
}
