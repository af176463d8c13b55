package dev.plexauth.conformance;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The system's Chromium, headless, driven through its chromedriver: Debian's {@code chromium} and
 * {@code chromium-driver} ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}; the {@code
 * CHROMIUM} and {@code CHROMEDRIVER} environment variables name others). Nothing is downloaded:
 * when either is missing, {@link #start} fails and says what to install.
 *
 * <p>Each browser gets a fresh profile in a temporary directory, no network service of its own
 * (sync, component updates, background traffic, QUIC are off) and the browser's console log at
 * every level, which the tests read for Content-Security-Policy violations.
 */
final class Chromium {

  static final Path DEFAULT_BROWSER = Path.of("/usr/bin/chromium");
  static final Path DEFAULT_DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  /**
   * Starts a headless Chromium.
   *
   * @param profile an empty directory for the browser's profile
   * @param width the window's width in CSS pixels
   * @param height the window's height
   * @return the driver; quit it when done
   * @throws AssertionError when Chromium or its driver is not installed
   */
  static ChromeDriver start(Path profile, int width, int height) {
    Path browser = installed("CHROMIUM", DEFAULT_BROWSER, "chromium");
    Path driver = installed("CHROMEDRIVER", DEFAULT_DRIVER, "chromium-driver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=" + width + "," + height);
    options.setExperimentalOption("prefs", Map.of("credentials_enable_service", false));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(driver.toFile())
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(30))
            .build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return chrome;
  }

  /**
   * The browser console's entries since the last call (reading them empties the log).
   *
   * @param chrome the browser
   * @return the entries
   */
  static List<LogEntry> console(ChromeDriver chrome) {
    return chrome.manage().logs().get(LogType.BROWSER).getAll();
  }

  /**
   * The entries that report a Content-Security-Policy or Trusted Types violation.
   *
   * @param entries console entries
   * @return the violations, as text
   */
  static List<String> policyViolations(List<LogEntry> entries) {
    return entries.stream()
        .map(LogEntry::getMessage)
        .filter(
            message ->
                message.contains("Content Security Policy")
                    || message.contains("Content-Security-Policy")
                    || message.contains("Trusted Type")
                    || message.contains("TrustedHTML")
                    || message.contains("TrustedScript"))
        .toList();
  }

  private static Path installed(String variable, Path fallback, String debianPackage) {
    String named = System.getenv(variable);
    Path path = named == null || named.isBlank() ? fallback : Path.of(named);
    File file = path.toFile();
    if (!Files.isRegularFile(path) || !file.canExecute()) {
      throw new AssertionError(
          "the browser tests need "
              + path
              + " (Debian: apt-get install chromium chromium-driver; or set "
              + variable
              + " to another one)");
    }
    return path;
  }
}
