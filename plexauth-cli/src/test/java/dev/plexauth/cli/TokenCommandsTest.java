package dev.plexauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.cli.Cli.Result;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.MutableClock;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandsTest {

  @TempDir static Path serverDir;
  @TempDir static Path home;
  static Fixture server;
  static String token;

  @BeforeAll
  static void signIn() throws Exception {
    server = Fixture.on(serverDir).clock(MutableClock.ticking()).withAccounts().start();
    Cli.in(home)
        .stdin(Fixture.USER_PASSWORD + "\n")
        .run("signin", "--server", server.url(), "--login", "alice", "--password-stdin")
        .succeeded();
    token = JsonOutput.MAPPER.readTree(home.resolve("config.json").toFile()).get("token").asText();
  }

  @AfterAll
  static void stopServer() {
    server.close();
    assertThat(String.join("\n", Cli.ALL_OUTPUT))
        .doesNotContain(Fixture.ADMIN_PASSWORD, Fixture.USER_PASSWORD);
  }

  @Test
  void detailsSummarizesTheSignedInAccountWithoutTheToken() {
    Result result = Cli.in(home).run("token", "details").succeeded();

    assertThat(result.out())
        .startsWith("alice <alice@example.com>")
        .contains("admin:      no")
        .contains("two-factor: off")
        .doesNotContain(token);
  }

  @Test
  void detailsJsonPrintsTheUserObjectWithTheTokenMasked() throws Exception {
    Result result = Cli.in(home).run("token", "details", "--json").succeeded();

    JsonNode user = JsonOutput.MAPPER.readTree(result.out());
    assertThat(user.get("username").asText()).isEqualTo("alice");
    assertThat(user.get("email").asText()).isEqualTo("alice@example.com");
    assertThat(user.get("authToken").asText()).isEqualTo("***");
    assertThat(result.out()).doesNotContain(token);
  }

  @Test
  void aTokenFromTheCommandLineOrPlexTokenWinsOverTheStoredOne() {
    Cli.in(home).run("token", "details", "--token", "not-a-token").failed(CliException.REFUSED);
    Result result = Cli.in(home).env("PLEX_TOKEN", "not-a-token").run("token", "details").failed(1);
    assertThat(result.err()).contains("HTTP 401");
  }

  @Test
  void aTokenOnStandardInputKeepsItOffTheCommandLine(@TempDir Path elsewhere) {
    Result result =
        Cli.in(elsewhere)
            .stdin(token + "\n")
            .run("token", "details", "--server", server.url(), "--token-stdin")
            .succeeded();
    assertThat(result.out()).startsWith("alice ");
    Cli.in(elsewhere)
        .stdin("not-a-token\n")
        .run("token", "details", "--server", server.url(), "--token-stdin")
        .failed(CliException.REFUSED);

    Result empty =
        Cli.in(elsewhere)
            .run("token", "details", "--server", server.url(), "--token-stdin")
            .failed(CliException.USAGE);
    assertThat(empty.err()).contains("--token-stdin");
    Cli.in(elsewhere)
        .stdin(token + "\n")
        .run("token", "details", "--server", server.url(), "--token-stdin", "--token", token)
        .failed(CliException.USAGE);
  }

  @Test
  void aTokenWithoutAConfigFileWorksWithServerAndPlexToken(@TempDir Path elsewhere) {
    Result result =
        Cli.in(elsewhere)
            .env("PLEX_TOKEN", token)
            .run("token", "details", "--server", server.url())
            .succeeded();

    assertThat(result.out()).startsWith("alice ");
  }

  @Test
  void withoutSignInItExitsWith2(@TempDir Path elsewhere) {
    Result noServer = Cli.in(elsewhere).run("token", "details").failed(CliException.USAGE);
    assertThat(noServer.err()).contains("signin");
    Result noToken =
        Cli.in(elsewhere)
            .run("token", "transient", "--server", server.url())
            .failed(CliException.USAGE);
    assertThat(noToken.err()).contains("PLEX_TOKEN");
  }

  @Test
  void anUnreachableServerExitsWith3() {
    String elsewhere = "http://127.0.0.1:" + Cli.closedPort();
    Cli.in(home)
        .env("PLEX_TOKEN", token)
        .run("token", "details", "--server", elsewhere)
        .failed(CliException.UNREACHABLE);
    Cli.in(home)
        .run("token", "transient", "--server", elsewhere, "--token", token)
        .failed(CliException.UNREACHABLE);
  }

  @Test
  void theStoredTokenIsNeverSentToAnotherServer() {
    String other = "http://127.0.0.1:" + Cli.closedPort();

    Result result =
        Cli.in(home).run("token", "details", "--server", other).failed(CliException.USAGE);

    assertThat(result.err()).contains("not signed in to " + other);
    Cli.in(home).run("token", "details", "--server", server.url() + "/").succeeded();
  }

  @Test
  void transientPrintsATransientTokenThatTheServerAccepts() {
    Result result = Cli.in(home).run("token", "transient").succeeded();

    String transientToken = result.out().strip();
    assertThat(transientToken).startsWith("transient-").doesNotContain("\n");
    // A transient token is a PMS token: the PMS route takes it, plex.tv's refuses it.
    Result again = Cli.in(home).run("token", "transient", "--token", transientToken).succeeded();
    assertThat(again.out().strip()).startsWith("transient-").isNotEqualTo(transientToken);
    Cli.in(home).run("token", "details", "--token", transientToken).failed(CliException.REFUSED);
  }

  @Test
  void transientJsonPrintsTheToken() throws Exception {
    Result result = Cli.in(home).run("token", "transient", "--json").succeeded();

    assertThat(JsonOutput.MAPPER.readTree(result.out()).get("token").asText())
        .startsWith("transient-");
  }

  @Test
  void transientWithABadTokenExitsWith1() {
    Cli.in(home).run("token", "transient", "--token", "bad").failed(CliException.REFUSED);
  }
}
