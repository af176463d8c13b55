package dev.plexauth.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.plexauth.sdk.PinLogin;
import dev.plexauth.sdk.PlexAPI;
import dev.plexauth.sdk.models.GetTokenByPinIdRequest;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The approval pages in a real browser: a headless Chromium opens {@code /auth#?…} for a pin the
 * SDK made (as an app opens it), a person signs in, with and without two-factor, approves or
 * denies, and {@link PinLogin} returns a token that works; wrong passwords and expired pins show a
 * plain message; the page goes on to an http(s) {@code forwardUrl} and refuses a {@code
 * javascript:} one; {@code /link} takes a 4-character code. After every test the browser's console
 * must hold no Content-Security-Policy violation, and a canary proves that one would be seen.
 *
 * <p>Screenshots of both pages are written to {@code target/browser-screenshots}, or to the
 * directory the {@code screenshots.dir} system property names (docs/server.md shows the command
 * that refreshes {@code docs/images}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalPagesBrowserTest {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String PRODUCT = "Living Room TV";

  private Fixture server;
  private ChromeDriver chrome;
  private HttpServer forwardTarget;
  private final List<String> forwarded = new CopyOnWriteArrayList<>();
  private List<LogEntry> console;

  @BeforeAll
  void start(@TempDir Path dataDir, @TempDir Path profile) throws IOException {
    // Real time: the browser, the SDK's polling and the two-factor code all run on it.
    server = Fixture.on(dataDir).clock(MutableClock.ticking()).withAccounts().start();
    chrome = Chromium.start(profile, 1000, 900);
    forwardTarget =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    forwardTarget.createContext(
        "/",
        exchange -> {
          forwarded.add(exchange.getRequestURI().toString());
          byte[] body =
              "<!doctype html><title>Back in the app</title><p>Back in the app</p>"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    forwardTarget.start();
  }

  @AfterAll
  void stop() {
    if (chrome != null) {
      chrome.quit();
    }
    if (forwardTarget != null) {
      forwardTarget.stop(0);
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void blankPage() {
    chrome.manage().window().setSize(new Dimension(1000, 900));
    chrome.get("about:blank");
    Chromium.console(chrome);
  }

  /** Whatever a test did, no script or style was refused by the pages' policy. */
  @AfterEach
  void noPolicyViolation() {
    console = Chromium.console(chrome);
    assertThat(Chromium.policyViolations(console)).as("CSP violations").isEmpty();
  }

  private PlexAPI app(String clientId) {
    return PlexAPI.builder()
        .plexTvURL(server.plexTvUrl())
        .clientID(clientId)
        .clientName(PRODUCT)
        .build();
  }

  @Test
  void aPersonApprovesWithTheKeyboardAloneAndPinLoginReturnsAWorkingToken() {
    PlexAPI app = app("browser-app-1");
    PinLogin login = PinLogin.start(app);

    chrome.get(login.authUrl());
    waitFor(By.id("login"));
    assertThat(text(By.id("asking"))).contains(PRODUCT);
    assertThat(focusedId()).as("focus starts in the login field").isEqualTo("login");
    chrome.switchTo().activeElement().sendKeys(Fixture.USER);
    chrome.switchTo().activeElement().sendKeys(Keys.TAB);
    assertThat(focusedId()).isEqualTo("password");
    chrome.switchTo().activeElement().sendKeys(Fixture.USER_PASSWORD, Keys.ENTER);
    waitVisible(By.id("consent"));
    assertThat(focusedId()).as("focus moves to the question").isEqualTo("consent-title");
    assertThat(text(By.id("consent-title"))).isEqualTo("Allow " + PRODUCT + "?");
    assertThat(text(By.id("account"))).isEqualTo(Fixture.USER);
    screenshot("approval-page.png");
    chrome.switchTo().activeElement().sendKeys(Keys.TAB);
    assertThat(focusedId()).isEqualTo("approve");
    chrome.switchTo().activeElement().sendKeys(Keys.ENTER);
    waitVisible(By.id("done"));

    Optional<String> token = login.awaitToken(WAIT);

    assertThat(text(By.id("done-title"))).isEqualTo(PRODUCT + " is signed in");
    assertThat(text(By.id("done-text"))).contains("You can close this window");
    assertThat(focusedId()).isEqualTo("done-title");
    assertThat(token).isPresent();
    assertThat(
            app.newBuilder()
                .accessToken(token.get())
                .build()
                .authentication()
                .getTokenDetails()
                .userPlexAccount()
                .username())
        .isEqualTo(Fixture.USER);
    assertThat(chrome.manage().getCookies()).as("no cookie").isEmpty();
    assertThat(storedItems()).as("nothing in web storage").isZero();
    assertThat(pageSessions(Fixture.USER, Fixture.USER_PASSWORD))
        .as("the page signed its own token out after the approval")
        .isEmpty();
    assertThat(Chromium.console(chrome))
        .as("the happy path logs no error in the console")
        .noneMatch(
            entry -> entry.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue());
  }

  @Test
  void aTwoFactorAccountIsAskedForItsCodeThenApproves() {
    PinLogin login = PinLogin.start(app("browser-app-2"));

    chrome.get(login.authUrl());
    signIn(Fixture.TOTP_USER, Fixture.TOTP_PASSWORD);
    waitVisible(By.id("verify"));
    assertThat(focusedId()).isEqualTo("verification-code");
    assertThat(text(By.id("notice"))).contains("verification code");
    chrome.findElement(By.id("verification-code")).sendKeys(server.totpCode(), Keys.ENTER);
    waitVisible(By.id("consent"));
    assertThat(text(By.id("account"))).isEqualTo(Fixture.TOTP_USER);
    chrome.findElement(By.id("approve")).click();
    waitVisible(By.id("done"));

    assertThat(login.awaitToken(WAIT)).isPresent();
  }

  @Test
  void denyLeavesThePinUnapproved() {
    PlexAPI app = app("browser-app-3");
    PinLogin login = PinLogin.start(app);

    chrome.get(login.authUrl());
    signIn(Fixture.USER, Fixture.USER_PASSWORD);
    waitVisible(By.id("consent"));
    chrome.findElement(By.id("deny")).click();
    waitVisible(By.id("done"));

    assertThat(text(By.id("done-title"))).isEqualTo("Sign-in denied");
    assertThat(pageSessions(Fixture.USER, Fixture.USER_PASSWORD)).isEmpty();
    assertThat(
            app.plex()
                .getTokenByPinId(GetTokenByPinIdRequest.builder().pinID(login.pin().id()).build())
                .authPinContainer()
                .authToken())
        .as("still waiting for an approval")
        .isEmpty();
  }

  @Test
  void aWrongPasswordIsShownPlainlyAndTheFieldIsReadyAgain() {
    PinLogin login = PinLogin.start(app("browser-app-4"));

    chrome.get(login.authUrl());
    signIn(Fixture.USER, "not-the-password");
    waitText(By.id("problem"), "Wrong username, email or password.");

    assertThat(chrome.findElement(By.id("problem")).getAttribute("role")).isEqualTo("alert");
    assertThat(focusedId()).isEqualTo("password");
    assertThat(chrome.findElement(By.id("consent")).isDisplayed()).isFalse();
    assertThat(chrome.findElement(By.tagName("body")).getText())
        .doesNotContain("Exception", "\tat ", "errors", "{");
  }

  @Test
  void anExpiredPinIsShownPlainlyOnApprove() {
    PinLogin login = PinLogin.start(app("browser-app-5"));
    server.clock.advance(Duration.ofMinutes(31));

    chrome.get(login.authUrl());
    signIn(Fixture.ADMIN, Fixture.ADMIN_PASSWORD);
    waitVisible(By.id("consent"));
    chrome.findElement(By.id("approve")).click();
    waitText(By.id("problem"), "This sign-in request has expired or was used already.");

    assertThat(chrome.findElement(By.id("done")).isDisplayed()).isFalse();
    assertThat(focusedId()).as("the message takes the focus").isEqualTo("problem");
  }

  @Test
  void afterTheApprovalThePageGoesOnToAnHttpForwardUrl() {
    String forward =
        "http://127.0.0.1:" + forwardTarget.getAddress().getPort() + "/signed-in?state=xyz";
    PinLogin login = PinLogin.start(app("browser-app-6"));

    chrome.get(login.authUrl(forward));
    signIn(Fixture.USER, Fixture.USER_PASSWORD);
    waitVisible(By.id("consent"));
    chrome.findElement(By.id("approve")).click();
    new WebDriverWait(chrome, WAIT).until(ExpectedConditions.urlToBe(forward));

    assertThat(forwarded).contains("/signed-in?state=xyz");
    assertThat(login.awaitToken(WAIT)).isPresent();
  }

  @Test
  void aJavascriptForwardUrlIsNeverOpened() {
    PinLogin login = PinLogin.start(app("browser-app-7"));
    String url =
        login.authUrl()
            + "&forwardUrl="
            + URLEncoder.encode("javascript:alert(document.domain)", StandardCharsets.UTF_8);

    chrome.get(url);
    signIn(Fixture.USER, Fixture.USER_PASSWORD);
    waitVisible(By.id("consent"));
    chrome.findElement(By.id("approve")).click();
    waitVisible(By.id("done"));

    assertThat(text(By.id("done-title"))).isEqualTo(PRODUCT + " is signed in");
    assertThat(text(By.id("done-text"))).contains("not a web page; it was not opened");
    assertThat(chrome.getCurrentUrl()).isEqualTo(url);
    assertThat(alertOpen()).isFalse();
    assertThat(login.awaitToken(WAIT)).as("the approval itself went through").isPresent();
  }

  @Test
  void theLinkPageTakesAFourCharacterCodeOnAPhoneSizedWindow() {
    PinLogin login = PinLogin.startWithCode(app("browser-tv-8"));
    chrome.manage().window().setSize(new Dimension(412, 900));

    chrome.get(login.linkUrl());
    signIn(Fixture.ADMIN, Fixture.ADMIN_PASSWORD);
    waitVisible(By.id("code-form"));
    assertThat(focusedId()).isEqualTo("code");
    assertThat(text(By.id("account"))).isEqualTo(Fixture.ADMIN);
    chrome.findElement(By.id("code")).sendKeys("7T39");
    screenshot("link-page.png");
    chrome.findElement(By.id("code")).clear();
    chrome.findElement(By.id("code")).sendKeys(login.code().toLowerCase(), Keys.ENTER);
    waitVisible(By.id("done"));

    assertThat(text(By.id("done-title"))).isEqualTo("Device linked");
    assertThat(pageSessions(Fixture.ADMIN, Fixture.ADMIN_PASSWORD)).isEmpty();
    assertThat(login.awaitToken(WAIT)).isPresent();
    assertThat(horizontalOverflow()).as("nothing wider than the phone").isFalse();
  }

  @Test
  void thePinsQrLinkOpensTheLinkPageWithTheCodeFilledIn() {
    PinLogin login = PinLogin.startWithCode(app("browser-tv-9"));

    chrome.get(login.pin().qr());
    signIn(Fixture.USER, Fixture.USER_PASSWORD);
    waitVisible(By.id("code-form"));

    assertThat(chrome.findElement(By.id("code")).getAttribute("value")).isEqualTo(login.code());
    assertThat(focusedId()).isEqualTo("approve");
  }

  @Test
  void theLinkPageSaysPlainlyWhenACodeIsUnknown() {
    chrome.get(server.url() + "/link");
    signIn(Fixture.USER, Fixture.USER_PASSWORD);
    waitVisible(By.id("code-form"));
    chrome.findElement(By.id("code")).sendKeys("ZZZZ", Keys.ENTER);

    waitText(By.id("problem"), "That code is not valid or has expired.");
    assertThat(focusedId()).isEqualTo("code");
  }

  @Test
  void anAuthLinkWithoutACodeSaysSoAndOffersNoSignIn() {
    chrome.get(server.url() + "/auth#?clientID=x");

    waitText(By.id("problem"), "This link is incomplete");
    assertThat(chrome.findElement(By.id("signin")).isDisplayed()).isFalse();
  }

  @Test
  void theCanaryAPolicyViolationWouldBeSeenInTheConsole() {
    chrome.get(server.url() + "/link");
    waitFor(By.id("login"));

    chrome.executeScript(
        "var style = document.createElement('style');"
            + "style.textContent = 'body { color: red }';"
            + "document.head.appendChild(style);");
    new WebDriverWait(chrome, WAIT)
        .until(
            driver -> {
              console = Chromium.console(chrome);
              return !Chromium.policyViolations(console).isEmpty();
            });

    assertThat(Chromium.policyViolations(console))
        .anySatisfy(v -> assertThat(v).contains("style-src"));
  }

  /**
   * The devices of an account that are the approval pages' sessions, as the account's own device
   * list shows them (asked from another device).
   */
  private List<String> pageSessions(String login, String password) {
    String token = server.http.signInToken("browser-test-checker", login, password, null);
    List<String> sessions = new ArrayList<>();
    for (JsonNode device : server.http.getJson("/api/v2/devices", "X-Plex-Token", token).json()) {
      if (device.path("clientIdentifier").asText().equals("plexauth-approval-page")) {
        sessions.add(device.path("name").asText());
      }
    }
    return sessions;
  }

  private void signIn(String login, String password) {
    waitFor(By.id("login"));
    chrome.findElement(By.id("login")).sendKeys(login);
    chrome.findElement(By.id("password")).sendKeys(password);
    chrome.findElement(By.cssSelector("#signin button[type=submit]")).click();
  }

  private WebElement waitFor(By by) {
    return new WebDriverWait(chrome, WAIT).until(ExpectedConditions.presenceOfElementLocated(by));
  }

  private void waitVisible(By by) {
    new WebDriverWait(chrome, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private void waitText(By by, String text) {
    new WebDriverWait(chrome, WAIT)
        .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  private String text(By by) {
    return chrome.findElement(by).getText();
  }

  private String focusedId() {
    return chrome.switchTo().activeElement().getAttribute("id");
  }

  private long storedItems() {
    Object count =
        chrome.executeScript("return window.localStorage.length + window.sessionStorage.length;");
    return ((Number) count).longValue();
  }

  private boolean horizontalOverflow() {
    return (Boolean)
        chrome.executeScript(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
  }

  private boolean alertOpen() {
    try {
      chrome.switchTo().alert();
      return true;
    } catch (NoAlertPresentException e) {
      return false;
    }
  }

  private void screenshot(String name) {
    Path dir = Path.of(System.getProperty("screenshots.dir", "target/browser-screenshots"));
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve(name), chrome.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
