package cn.relief.app.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from the Debian packages {@code chromium} and {@code chromium-driver} (installed
 * by {@code .ci/run}): the system's driver, never one downloaded at run time (no internet here).
 */
public final class HeadlessChromium {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {}

  /** A new browser; skipped outside CI when the packages are missing, a failure in CI. */
  public static ChromeDriver start() {
    boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    assumeTrue(installed || "true".equals(System.getenv("CI")),
        "headless Chromium missing: apt-get install -y chromium chromium-driver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=390,844",
        "--lang=zh-CN");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    return driver;
  }

  /** Logs the browser in on the app's login page as the demo user (password demo-2026). */
  public static void logIn(ChromeDriver browser, int port, String username) {
    browser.get("http://localhost:" + port + "/login");
    browser.findElement(org.openqa.selenium.By.name("username")).sendKeys(username);
    browser.findElement(org.openqa.selenium.By.name("password")).sendKeys("demo-2026");
    browser.findElement(org.openqa.selenium.By.cssSelector("button[type=submit]")).click();
  }
}
