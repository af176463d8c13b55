package dev.plexauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.cli.Cli.Result;
import dev.plexauth.cli.Cli.ScriptedTerminal;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigninCommandTest {

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
    assertThat(String.join("\n", Cli.ALL_OUTPUT))
        .doesNotContain(Fixture.ADMIN_PASSWORD, Fixture.USER_PASSWORD, "tess-Pa55word!");
  }

  private Result signIn(String login, String password) {
    return Cli.in(home)
        .stdin(password + "\n")
        .run("signin", "--server", server.url(), "--login", login, "--password-stdin");
  }

  @Test
  void signInSavesTheTokenInAConfigFileOnlyItsOwnerCanRead() throws Exception {
    Result result = signIn(Fixture.USER, Fixture.USER_PASSWORD).succeeded();

    Path config = home.resolve("config.json");
    assertThat(result.out().strip()).isEqualTo("Signed in as alice; token saved to " + config);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
        .isEqualTo("rw-------");
    JsonNode saved = JsonOutput.MAPPER.readTree(config.toFile());
    assertThat(saved.get("server").asText()).isEqualTo(server.url());
    assertThat(saved.get("token").asText()).isNotBlank();
    assertThat(result.out()).doesNotContain(saved.get("token").asText());
    assertThat(saved.get("clientIdentifier").asText()).matches("[0-9a-f-]{36}");
  }

  @Test
  void theDefaultConfigFileIsUnderXdgConfigHomeInA0700Folder() throws Exception {
    Path xdg = home.resolve("xdg");
    Cli.in(home)
        .env("PLEXAUTH_CONFIG", "")
        .env("XDG_CONFIG_HOME", xdg.toString())
        .stdin(Fixture.USER_PASSWORD + "\n")
        .run("signin", "--server", server.url(), "--login", "alice", "--password-stdin")
        .succeeded();

    Path config = xdg.resolve("plexauth/config.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void aRepeatSignInReusesTheClientIdentifierSoTheServerKeepsOneDeviceToken() throws Exception {
    signIn(Fixture.ADMIN, Fixture.ADMIN_PASSWORD).succeeded();
    JsonNode first = JsonOutput.MAPPER.readTree(home.resolve("config.json").toFile());
    signIn(Fixture.ADMIN, Fixture.ADMIN_PASSWORD).succeeded();
    JsonNode second = JsonOutput.MAPPER.readTree(home.resolve("config.json").toFile());

    assertThat(second.get("clientIdentifier")).isEqualTo(first.get("clientIdentifier"));
    assertThat(second.get("token")).isNotEqualTo(first.get("token"));
    assertThat(server.deviceTokens(Fixture.ADMIN)).isEqualTo(1);
    Cli.in(home)
        .run("token", "details", "--token", first.get("token").asText())
        .failed(CliException.REFUSED);
    Cli.in(home).run("token", "details").succeeded();
  }

  @Test
  void jsonPrintsTheFullAnswerIncludingTheToken() throws Exception {
    Result result =
        Cli.in(home)
            .stdin(Fixture.USER_PASSWORD + "\n")
            .run(
                "signin",
                "--server",
                server.url(),
                "--login",
                "alice@example.com",
                "--password-stdin",
                "--json")
            .succeeded();

    JsonNode answer = JsonOutput.MAPPER.readTree(result.out());
    JsonNode saved = JsonOutput.MAPPER.readTree(home.resolve("config.json").toFile());
    assertThat(answer.get("username").asText()).isEqualTo("alice");
    assertThat(answer.get("authToken").asText()).isEqualTo(saved.get("token").asText());
    assertThat(answer.has("uuid")).isTrue();
  }

  @Test
  void promptsForTheLoginAndThePasswordWhenATerminalIsThere() {
    ScriptedTerminal terminal = new ScriptedTerminal("alice", Fixture.USER_PASSWORD);

    Cli.in(home).terminal(terminal).run("signin", "--server", server.url()).succeeded();

    assertThat(terminal.prompts).containsExactly("Login (username or email): ");
    assertThat(terminal.secretPrompts).containsExactly("Password for alice: ");
  }

  @Test
  void aWrongPasswordExitsWith1AndTheServersMessage() {
    Result result = signIn(Fixture.USER, "not-the-password").failed(CliException.REFUSED);

    assertThat(result.err())
        .contains("User could not be authenticated")
        .contains("HTTP 401")
        .doesNotContain("not-the-password");
    assertThat(home.resolve("config.json")).doesNotExist();
  }

  @Test
  void withoutPasswordInputItExitsWith2() {
    Cli.in(home)
        .run("signin", "--server", server.url(), "--login", "alice")
        .failed(CliException.USAGE);
    Cli.in(home)
        .stdin("")
        .run("signin", "--server", server.url(), "--login", "alice", "--password-stdin")
        .failed(CliException.USAGE);
  }

  @Test
  void withoutLoginAndTerminalItExitsWith2() {
    Result result =
        Cli.in(home)
            .stdin("x\n")
            .run("signin", "--server", server.url(), "--password-stdin")
            .failed(CliException.USAGE);

    assertThat(result.err()).contains("--login");
  }

  @Test
  void withoutAServerItExitsWith2() {
    Cli.in(home)
        .stdin("x\n")
        .run("signin", "--login", "alice", "--password-stdin")
        .failed(CliException.USAGE);
    Cli.in(home)
        .stdin("x\n")
        .run("signin", "--server", "ftp://example.com", "--login", "alice", "--password-stdin")
        .failed(CliException.USAGE);
  }

  @Test
  void anUnreachableServerExitsWith3() {
    Result result =
        Cli.in(home)
            .stdin("x\n")
            .run(
                "signin",
                "--server",
                "http://127.0.0.1:" + Cli.closedPort(),
                "--login",
                "alice",
                "--password-stdin")
            .failed(CliException.UNREACHABLE);

    assertThat(result.err()).startsWith("plexauth: cannot reach the server");
  }

  @Test
  void aTotpAccountAddedWhileTheServerRunsSignsInWithTheCodeFromThePrintedSecret()
      throws Exception {
    Result added =
        Cli.in(home)
            .stdin("tess-Pa55word!\n")
            .run(
                "user",
                "add",
                "--data-dir",
                serverDir.toString(),
                "--username",
                "tess",
                "--email",
                "tess@example.com",
                "--password-stdin",
                "--totp",
                "--json")
            .succeeded();
    String secret = JsonOutput.MAPPER.readTree(added.out()).get("totpSecret").asText();
    ScriptedTerminal terminal =
        new ScriptedTerminal("tess-Pa55word!", Fixture.totpCode(secret, Instant.now()));

    Result signedIn =
        Cli.in(home)
            .terminal(terminal)
            .run("signin", "--server", server.url(), "--login", "tess")
            .succeeded();

    assertThat(terminal.prompts).containsExactly("Verification code: ");
    assertThat(signedIn.out()).startsWith("Signed in as tess;");
  }

  @Test
  void aTotpCodeComesFromTheNextLineOfStandardInputInScriptsAndAWrongOneExitsWith1()
      throws Exception {
    Result added =
        Cli.in(home)
            .stdin("carol-Pa55word!\n")
            .run(
                "user",
                "add",
                "--data-dir",
                serverDir.toString(),
                "--username",
                "carol",
                "--email",
                "carol@example.com",
                "--password-stdin",
                "--totp",
                "--json")
            .succeeded();
    String secret = JsonOutput.MAPPER.readTree(added.out()).get("totpSecret").asText();
    String[] signin = {"signin", "--server", server.url(), "--login", "carol", "--password-stdin"};

    Result noCode = Cli.in(home).stdin("carol-Pa55word!\n").run(signin);
    noCode.failed(CliException.USAGE);
    Result wrongCode =
        Cli.in(home).stdin("carol-Pa55word!\n000000\n").run(signin).failed(CliException.REFUSED);
    assertThat(wrongCode.err()).contains("1028");

    Cli.in(home)
        .stdin("carol-Pa55word!\n" + Fixture.totpCode(secret, Instant.now()) + "\n")
        .run(signin)
        .succeeded();
  }

  @Test
  void tooManySignInsExitWith1AndTheWaitTheServerAsksFor(@TempDir Path limitedDir) {
    try (Fixture limited =
        Fixture.on(limitedDir)
            .clock(MutableClock.ticking())
            .signInRateLimit(1)
            .withAccounts()
            .start()) {
      String[] signin = {
        "signin", "--server", limited.url(), "--login", "alice", "--password-stdin"
      };
      Cli.in(home).stdin(Fixture.USER_PASSWORD + "\n").run(signin).succeeded();

      Result refused =
          Cli.in(home).stdin(Fixture.USER_PASSWORD + "\n").run(signin).failed(CliException.REFUSED);

      assertThat(refused.err()).contains("HTTP 429").containsPattern("retry after \\d+ s");
    }
  }
}
