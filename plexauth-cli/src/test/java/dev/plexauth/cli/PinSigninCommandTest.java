package dev.plexauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.cli.Cli.Result;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.MutableClock;
import dev.plexauth.server.support.Pins;
import io.nayuki.qrcodegen.QrCode;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plexauth signin --web}, {@code signin --code} and {@code link CODE} against a real server:
 * the command prints where to approve, waits while the person approves elsewhere, and keeps the
 * token as a password sign-in does.
 */
class PinSigninCommandTest {

  @TempDir static Path serverDir;
  static Fixture server;

  @TempDir Path home;

  @BeforeAll
  static void startServer() {
    server = Fixture.on(serverDir).clock(MutableClock.ticking()).withAccounts().start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void signinWebPrintsTheApprovalPageWaitsAndKeepsTheToken() throws Exception {
    StringWriter out = new StringWriter();
    CompletableFuture<Result> run =
        CompletableFuture.supplyAsync(
            () -> Cli.in(home).run(out, "signin", "--web", "--server", server.url()));

    String url = awaitLine(out, Pattern.compile("^  (http\\S+/auth#\\?\\S+)$"));
    Map<String, String> fragment = fragment(url);
    String approver = server.http.signInToken("phone", Fixture.USER, Fixture.USER_PASSWORD, null);
    assertThat(Pins.link(server.http, approver, fragment.get("code")).status()).isEqualTo(204);
    Result result = run.get(30, TimeUnit.SECONDS).succeeded();

    assertThat(url).startsWith(server.url() + "/auth#?clientID=");
    assertThat(fragment.get("code")).matches("[a-z0-9]{25}");
    assertThat(fragment.get("context[device][product]")).isEqualTo("plexauth-cli");
    assertThat(result.out())
        .startsWith("Open this address in a browser, sign in and approve:\n")
        .contains("Waiting for the approval (the code expires in 30 minutes")
        .endsWith("Signed in as alice; token saved to " + home.resolve("config.json") + "\n")
        .doesNotContain("\u001b[");
    JsonNode saved = JsonOutput.MAPPER.readTree(home.resolve("config.json").toFile());
    assertThat(saved.get("login").asText()).isEqualTo(Fixture.USER);
    assertThat(saved.get("clientIdentifier").asText()).isEqualTo(fragment.get("clientID"));
    assertThat(status(saved.get("token").asText())).isEqualTo(200);
  }

  @Test
  void signinCodeIsApprovedWithPlexauthLinkFromAnotherSignedInMachine(@TempDir Path laptop)
      throws Exception {
    Cli.in(laptop)
        .stdin(Fixture.ADMIN_PASSWORD + "\n")
        .run("signin", "--server", server.url(), "--login", Fixture.ADMIN, "--password-stdin")
        .succeeded();
    StringWriter out = new StringWriter();
    CompletableFuture<Result> tv =
        CompletableFuture.supplyAsync(
            () -> Cli.in(home).run(out, "signin", "--code", "--server", server.url()));

    String code = awaitLine(out, Pattern.compile("^  ([A-Z2-9]{4})$"));
    Result linked = Cli.in(laptop).run("link", code.toLowerCase());
    Result signedIn = tv.get(30, TimeUnit.SECONDS).succeeded();

    linked.succeeded();
    assertThat(linked.out())
        .isEqualTo(
            "Approved: the device that shows "
                + code.toLowerCase()
                + " is now signed in with your account.\n");
    assertThat(signedIn.out())
        .startsWith("On any device, open " + server.url() + "/link, sign in and enter the code:")
        .contains("the code expires in 15 minutes")
        .endsWith("Signed in as admin; token saved to " + home.resolve("config.json") + "\n");
  }

  @Test
  void withJsonTheInstructionsGoToStandardErrorAndTheAccountToStandardOutput() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<Result> run =
        CompletableFuture.supplyAsync(
            () ->
                Cli.in(home).run(out, err, "signin", "--code", "--json", "--server", server.url()));
    String code = awaitLine(err, Pattern.compile("^  ([A-Z2-9]{4})$"));
    String approver = server.http.signInToken("phone", Fixture.USER, Fixture.USER_PASSWORD, null);
    assertThat(Pins.link(server.http, approver, code).status()).isEqualTo(204);

    Result result = run.get(30, TimeUnit.SECONDS);

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).contains("enter the code").contains(code);
    JsonNode account = JsonOutput.MAPPER.readTree(result.out());
    assertThat(account.get("username").asText()).isEqualTo(Fixture.USER);
    assertThat(account.get("authToken").asText()).isNotBlank();
  }

  @Test
  void aCodeThatExpiresUnapprovedEndsWithOneLineAndExit1() throws Exception {
    StringWriter out = new StringWriter();
    CompletableFuture<Result> run =
        CompletableFuture.supplyAsync(
            () -> Cli.in(home).run(out, "signin", "--code", "--server", server.url()));
    awaitLine(out, Pattern.compile("^  ([A-Z2-9]{4})$"));

    server.clock.advance(Duration.ofMinutes(16));
    Result result = run.get(30, TimeUnit.SECONDS);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "plexauth: the code expired before it was approved; run plexauth signin --code"
                + " again\n");
    assertThat(home.resolve("config.json")).doesNotExist();
  }

  @Test
  void onATerminalThatCanShowItAQrCodeOfTheAddressIsDrawn() throws Exception {
    StringWriter out = new StringWriter();
    CompletableFuture<Result> run =
        CompletableFuture.supplyAsync(
            () ->
                Cli.in(home)
                    .stdoutIsTerminal(true)
                    .env("TERM", "xterm-256color")
                    .env("LANG", "en_US.UTF-8")
                    .run(out, "signin", "--web", "--server", server.url()));
    String url = awaitLine(out, Pattern.compile("^  (http\\S+/auth#\\?\\S+)$"));
    String approver = server.http.signInToken("phone", Fixture.USER, Fixture.USER_PASSWORD, null);
    Pins.link(server.http, approver, fragment(url).get("code"));

    Result result = run.get(30, TimeUnit.SECONDS).succeeded();

    String drawn =
        result
            .out()
            .lines()
            .filter(l -> l.startsWith("\u001b[30;107m"))
            .reduce("", (a, b) -> a + b + "\n");
    assertThat(drawn).isEqualTo(TerminalQr.render(url));
  }

  @Test
  void aQrCodeNeedsAUtf8TerminalThatIsNotDumbAndNoNoColor() {
    assertThat(TerminalQr.canShow(io(true, "TERM", "dumb", "LANG", "C.UTF-8"))).isFalse();
    assertThat(TerminalQr.canShow(io(true, "TERM", "xterm", "LANG", "C"))).isFalse();
    assertThat(TerminalQr.canShow(io(true, "TERM", "xterm", "LANG", "C.UTF-8", "NO_COLOR", "1")))
        .isFalse();
    assertThat(TerminalQr.canShow(io(false, "TERM", "xterm", "LC_ALL", "en_GB.utf8"))).isFalse();
    assertThat(TerminalQr.canShow(io(true, "LANG", "C.UTF-8"))).as("no TERM").isFalse();
    assertThat(TerminalQr.canShow(io(true, "TERM", "xterm", "LC_ALL", "de_DE.utf8"))).isTrue();
    assertThat(TerminalQr.canShow(io(true, "TERM", "xterm", "LC_ALL", "C", "LANG", "C.UTF-8")))
        .as("LC_ALL wins")
        .isFalse();
  }

  @Test
  void theDrawnCodeIsTheQrCodeModuleForModule() {
    String text = server.url() + "/auth#?clientID=abc&code=" + "x".repeat(25);
    QrCode qr = QrCode.encodeText(text, QrCode.Ecc.LOW);

    List<String> rows =
        TerminalQr.render(text)
            .lines()
            .map(line -> line.replace("\u001b[30;107m", "").replace("\u001b[0m", ""))
            .toList();

    int side = qr.size + 2 * TerminalQr.QUIET;
    assertThat(rows).hasSize((side + 1) / 2);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        char cell = rows.get(y / 2).charAt(x);
        boolean drawn = y % 2 == 0 ? cell == '█' || cell == '▀' : cell == '█' || cell == '▄';
        int qx = x - TerminalQr.QUIET;
        int qy = y - TerminalQr.QUIET;
        boolean dark = qx >= 0 && qy >= 0 && qx < qr.size && qy < qr.size && qr.getModule(qx, qy);
        assertThat(drawn).as("module %d,%d", qx, qy).isEqualTo(dark);
      }
    }
  }

  @Test
  void linkRefusesAnUnknownCodeAndNeedsASignIn(@TempDir Path other) {
    Cli.in(home)
        .stdin(Fixture.USER_PASSWORD + "\n")
        .run("signin", "--server", server.url(), "--login", Fixture.USER, "--password-stdin")
        .succeeded();

    Result unknown = Cli.in(home).run("link", "ZZZZ").failed(1);
    Result signedOut = Cli.in(other).run("link", "ZZZZ").failed(2);

    assertThat(unknown.err())
        .isEqualTo(
            "plexauth: the server refused: Code not found or expired (HTTP 404, code 1020)\n");
    assertThat(signedOut.err()).contains("sign in first");
  }

  @Test
  void theWaysToSignInDoNotMix() {
    Cli.in(home).run("signin", "--web", "--code", "--server", server.url()).failed(2);
    Cli.in(home).run("signin", "--web", "--login", "alice", "--server", server.url()).failed(2);
    Cli.in(home)
        .run("signin", "--code", "--verification-code", "123456", "--server", server.url())
        .failed(2);
  }

  private static Io io(boolean terminal, String... env) {
    Map<String, String> variables = new LinkedHashMap<>();
    for (int i = 0; i < env.length; i += 2) {
      variables.put(env[i], env[i + 1]);
    }
    return new Io(
        java.io.InputStream.nullInputStream(), Terminal.NONE, variables, hook -> {}, terminal);
  }

  private static int status(String token) {
    return server.http.getJson("/api/v2/user", "X-Plex-Token", token).status();
  }

  /** Waits (10 s at most) for a line of the command's output and returns its first group. */
  private static String awaitLine(StringWriter out, Pattern line) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (String candidate : out.toString().lines().toList()) {
        Matcher matcher = line.matcher(candidate);
        if (matcher.matches()) {
          return matcher.group(1);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no line like " + line + " in:\n" + out);
  }

  private static Map<String, String> fragment(String url) {
    String query = URI.create(url).getRawFragment().substring(1);
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      values.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return values;
  }
}
