package dev.plexauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.cli.Cli.Result;
import dev.plexauth.cli.Cli.ScriptedTerminal;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.MutableClock;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserCommandsTest {

  static final String PASSWORD = "dave-Pa55word!";

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
        .doesNotContain(PASSWORD, Fixture.ADMIN_PASSWORD, Fixture.USER_PASSWORD);
  }

  private Result addUser(String username, String... extra) {
    String[] args = {
      "user",
      "add",
      "--data-dir",
      serverDir.toString(),
      "--username",
      username,
      "--email",
      username + "@example.com",
      "--password-stdin"
    };
    String[] all = new String[args.length + extra.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return Cli.in(home).stdin(PASSWORD + "\n").run(all);
  }

  private Result signIn(String login) {
    return Cli.in(home)
        .stdin(PASSWORD + "\n")
        .run("signin", "--server", server.url(), "--login", login, "--password-stdin");
  }

  @Test
  void anAddedUserSignsInOnTheRunningServer() {
    Result added = addUser("dave").succeeded();

    assertThat(added.out()).startsWith("Added user dave <dave@example.com> (id ");
    signIn("dave").succeeded();
    assertThat(Cli.in(home).run("token", "details").succeeded().out()).contains("admin:      no");
  }

  @Test
  void adminAndTotpShowInTheAccountAndTheSecretIsPrintedWithItsUri() throws Exception {
    Result text = addUser("erin", "--admin", "--totp").succeeded();
    assertThat(text.out()).startsWith("Added admin erin <erin@example.com>");
    String secret =
        text.out()
            .lines()
            .filter(line -> line.strip().startsWith("secret: "))
            .findFirst()
            .orElseThrow()
            .strip()
            .substring("secret: ".length());
    assertThat(secret).matches("[A-Z2-7]{16,}");
    assertThat(text.out())
        .contains(
            "otpauth://totp/plexauth:erin?secret="
                + secret
                + "&issuer=plexauth&algorithm=SHA1&digits=6&period=30");

    JsonNode json = JsonOutput.MAPPER.readTree(addUser("frank", "--totp", "--json").out());
    assertThat(json.get("username").asText()).isEqualTo("frank");
    assertThat(json.get("twoFactorEnabled").asBoolean()).isTrue();
    assertThat(json.get("totpSecret").asText()).matches("[A-Z2-7]{16,}");
    assertThat(json.get("otpauthUri").asText()).startsWith("otpauth://totp/plexauth:frank?");
    JsonNode plain = JsonOutput.MAPPER.readTree(addUser("gina", "--json").out());
    assertThat(plain.has("totpSecret")).isFalse();
  }

  @Test
  void passwdSetsANewPasswordAndSignsOutEveryDevice() {
    addUser("ivan").succeeded();
    signIn("ivan").succeeded();
    Cli.in(home).run("token", "details").succeeded();
    String newPassword = "ivan-new-Pa55word";
    ScriptedTerminal terminal = new ScriptedTerminal(newPassword, newPassword);

    Result changed =
        Cli.in(home)
            .terminal(terminal)
            .run("user", "passwd", "ivan", "--data-dir", serverDir.toString())
            .succeeded();

    assertThat(terminal.secretPrompts)
        .containsExactly("New password for ivan: ", "Repeat the password: ");
    assertThat(changed.out())
        .isEqualTo("Changed the password of ivan; its tokens stop working within a second.\n");
    Fixture.waitOutRecentLookups();
    Cli.in(home).run("token", "details").failed(CliException.REFUSED);
    signIn("ivan").failed(CliException.REFUSED);
    Cli.in(home)
        .stdin(newPassword + "\n")
        .run("signin", "--server", server.url(), "--login", "ivan", "--password-stdin")
        .succeeded();
    assertThat(String.join("\n", Cli.ALL_OUTPUT)).doesNotContain(newPassword);
  }

  @Test
  void passwdRefusesAWeakPasswordAndAnUnknownAccount() {
    addUser("lena").succeeded();

    Result weak =
        Cli.in(home)
            .stdin("password1\n")
            .run("user", "passwd", "lena", "--data-dir", serverDir.toString(), "--password-stdin")
            .failed(CliException.USAGE);
    Result unknown =
        Cli.in(home)
            .stdin("good-Pa55word!\n")
            .run("user", "passwd", "nobody", "--data-dir", serverDir.toString(), "--password-stdin")
            .failed(CliException.REFUSED);

    assertThat(weak.err())
        .isEqualTo("plexauth: the password is on the list of common passwords; choose another\n");
    assertThat(unknown.err()).contains("no account nobody");
    signIn("lena").succeeded();
  }

  @Test
  void totpResetPrintsTheNewSecretOnceAndOffTurnsItOff() throws Exception {
    addUser("kim", "--totp").succeeded();

    Result reset =
        Cli.in(home)
            .run("user", "totp", "kim", "--reset", "--data-dir", serverDir.toString())
            .succeeded();
    String secret =
        reset
            .out()
            .lines()
            .filter(line -> line.strip().startsWith("secret: "))
            .findFirst()
            .orElseThrow()
            .strip()
            .substring("secret: ".length());
    assertThat(secret).matches("[A-Z2-7]{32}");
    assertThat(reset.out())
        .startsWith("New TOTP secret for kim; its tokens stop working within a second.")
        .contains("otpauth://totp/plexauth:kim?secret=" + secret + "&issuer=plexauth");
    Cli.in(home)
        .stdin(PASSWORD + "\n" + Fixture.totpCode(secret, java.time.Instant.now()) + "\n")
        .run("signin", "--server", server.url(), "--login", "kim", "--password-stdin")
        .succeeded();

    JsonNode off =
        JsonOutput.MAPPER.readTree(
            Cli.in(home)
                .run("user", "totp", "kim", "--off", "--json", "--data-dir", serverDir.toString())
                .succeeded()
                .out());
    assertThat(off.get("twoFactorEnabled").asBoolean()).isFalse();
    assertThat(off.has("totpSecret")).isFalse();
    Cli.in(home).run("token", "details").failed(CliException.REFUSED);
    signIn("kim").succeeded();

    Cli.in(home)
        .run("user", "totp", "kim", "--data-dir", serverDir.toString())
        .failed(CliException.USAGE);
    Cli.in(home)
        .run("user", "totp", "kim", "--reset", "--off", "--data-dir", serverDir.toString())
        .failed(CliException.USAGE);
    Cli.in(home)
        .run("user", "totp", "nobody", "--off", "--data-dir", serverDir.toString())
        .failed(CliException.REFUSED);
  }

  @Test
  void thePasswordPromptAsksTwiceWithoutEcho() {
    ScriptedTerminal terminal = new ScriptedTerminal(PASSWORD, PASSWORD);

    Cli.in(home)
        .terminal(terminal)
        .run(
            "user",
            "add",
            "--data-dir",
            serverDir.toString(),
            "--username",
            "hank",
            "--email",
            "hank@example.com")
        .succeeded();

    assertThat(terminal.secretPrompts)
        .containsExactly("Password for hank: ", "Repeat the password: ");
    assertThat(terminal.prompts).isEmpty();
    signIn("hank").succeeded();
  }

  @Test
  void passwordsThatDifferOrAreMissingExitWith2() {
    String[] add = {
      "user",
      "add",
      "--data-dir",
      serverDir.toString(),
      "--username",
      "ivan",
      "--email",
      "ivan@example.com"
    };
    Cli.in(home)
        .terminal(new ScriptedTerminal(PASSWORD, PASSWORD + "x"))
        .run(add)
        .failed(CliException.USAGE);
    Result noTerminal = Cli.in(home).run(add).failed(CliException.USAGE);
    assertThat(noTerminal.err()).contains("--password-stdin");
    signIn("ivan").failed(CliException.REFUSED);
  }

  @Test
  void aTakenUsernameExitsWith1AndABadOneWith2() {
    Result taken = addUser("alice").failed(CliException.REFUSED);
    assertThat(taken.err()).contains("already exists");

    Result bad = addUser("has space").failed(CliException.USAGE);
    assertThat(bad.err()).contains("username");
    Cli.in(home)
        .stdin(PASSWORD + "\n")
        .run("user", "add", "--username", "x", "--password-stdin")
        .failed(CliException.USAGE);
  }

  @Test
  void listShowsAccountsAsTextAndJsonWithoutSecrets() throws Exception {
    Result text = Cli.in(home).run("user", "list", "--data-dir", serverDir.toString()).succeeded();
    assertThat(text.out().lines().findFirst().orElseThrow())
        .matches("ID +USERNAME +EMAIL +ADMIN +2FA +CREATED");
    assertThat(text.out())
        .containsPattern("\\badmin +" + Pattern.quote(Fixture.ADMIN_EMAIL) + " +yes +off ");

    JsonNode list =
        JsonOutput.MAPPER.readTree(
            Cli.in(home)
                .run("user", "list", "--data-dir", serverDir.toString(), "--json")
                .succeeded()
                .out());
    assertThat(list.findValuesAsText("username")).contains("admin", "alice");
    assertThat(list.get(0).has("totpSecret")).isFalse();
    assertThat(text.out() + list).doesNotContain("argon2");
  }

  @Test
  void removeSignsOutTheUserAndAnUnknownUserExitsWith1() {
    addUser("jill").succeeded();
    signIn("jill").succeeded();

    Result removed =
        Cli.in(home).run("user", "remove", "--data-dir", serverDir.toString(), "jill").succeeded();

    assertThat(removed.out()).contains("Removed jill");
    Cli.in(home).run("token", "details").failed(CliException.REFUSED);
    signIn("jill").failed(CliException.REFUSED);
    Cli.in(home)
        .run("user", "remove", "--data-dir", serverDir.toString(), "jill")
        .failed(CliException.REFUSED);
  }

  @Test
  void theDataDirectoryDefaultsToPlexauthDataDirThenXdgDataHome() {
    Path explicit = home.resolve("explicit");
    Cli.in(home).env("PLEXAUTH_DATA_DIR", explicit.toString()).run("user", "list").succeeded();
    assertThat(explicit.resolve("plexauth.db")).exists();

    Path xdg = home.resolve("xdg");
    Cli.in(home).env("XDG_DATA_HOME", xdg.toString()).run("user", "list").succeeded();
    assertThat(xdg.resolve("plexauth/plexauth.db")).exists();

    Cli.in(home).run("user", "list").succeeded();
    assertThat(home.resolve(".local/share/plexauth/plexauth.db")).exists();
  }

  @Test
  void dbTakesAJdbcUrlButNotTogetherWithDataDir() {
    String url = "jdbc:sqlite:" + serverDir.resolve("plexauth.db");
    Result list = Cli.in(home).run("user", "list", "--db", url).succeeded();
    assertThat(list.out()).contains("alice@example.com");

    Cli.in(home)
        .run("user", "list", "--db", url, "--data-dir", serverDir.toString())
        .failed(CliException.USAGE);
    Cli.in(home).run("user", "list", "--db", "mysql://x").failed(CliException.USAGE);
  }

  @Test
  void anUnusableDatabaseExitsWith3() {
    Result result =
        Cli.in(home)
            .run("user", "list", "--db", "jdbc:sqlite:" + home.resolve("no/such/dir/x.db"))
            .failed(CliException.UNREACHABLE);

    assertThat(result.err()).contains("cannot open the database");
  }
}
