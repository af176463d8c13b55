package dev.plexauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.cli.Cli.Result;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plexauth ping}, {@code resources}, {@code devices}, {@code devices remove}, {@code
 * signout}.
 */
class AccountCommandsTest {

  @TempDir static Path serverDir;
  static Fixture server;

  @BeforeAll
  static void start() {
    server =
        Fixture.on(serverDir)
            .clock(MutableClock.ticking())
            .server(b -> b.publicUrl("https://plex.example.com").name("Den box"))
            .withAccounts()
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
    assertThat(String.join("\n", Cli.ALL_OUTPUT))
        .doesNotContain(Fixture.ADMIN_PASSWORD, Fixture.USER_PASSWORD);
  }

  private static Cli signedIn(Path home, String login, String password) {
    Cli.in(home)
        .stdin(password + "\n")
        .run("signin", "--server", server.url(), "--login", login, "--password-stdin")
        .succeeded();
    return Cli.in(home);
  }

  private static String storedToken(Path home) throws Exception {
    JsonNode config = JsonOutput.MAPPER.readTree(home.resolve("config.json").toFile());
    return config.path("token").asText(null);
  }

  @Test
  void pingSaysTheTokenIsGoodAndFailsWhenItIsNot(@TempDir Path home) throws Exception {
    signedIn(home, "alice", Fixture.USER_PASSWORD);

    Result human = Cli.in(home).run("ping").succeeded();
    Result json = Cli.in(home).run("ping", "--json").succeeded();
    Result bad = Cli.in(home).run("ping", "--token", "not-a-token").failed(CliException.REFUSED);

    assertThat(human.out()).isEqualTo("pong: the token is good.\n");
    assertThat(JsonOutput.MAPPER.readTree(json.out()).path("pong").asBoolean()).isTrue();
    assertThat(bad.err()).contains("HTTP 401");
  }

  @Test
  void resourcesListTheServerAndItsSourcesWithTokensMaskedUnlessAsked(@TempDir Path home)
      throws Exception {
    signedIn(home, "admin", Fixture.ADMIN_PASSWORD);
    String token = storedToken(home);

    Result table = Cli.in(home).run("resources").succeeded();
    Result json = Cli.in(home).run("resources", "--json").succeeded();
    Result shown = Cli.in(home).run("resources", "--json", "--show-tokens").succeeded();

    assertThat(table.out().lines().toList().get(0))
        .matches("NAME +OWNED +CLIENT IDENTIFIER +CONNECTIONS");
    assertThat(table.out())
        .contains("Den box", server.server.machineIdentifier(), "https://plex.example.com (remote)")
        .contains(Fixture.SOURCE_NAME, Fixture.SOURCE_LOCAL_URI + " (local)")
        .contains(Fixture.SOURCE_RELAY_URI + " (relay)")
        .doesNotContain("resource-", token);
    JsonNode masked = JsonOutput.MAPPER.readTree(json.out());
    assertThat(masked).hasSize(2);
    assertThat(masked.findValuesAsText("accessToken")).containsOnly("***");
    JsonNode withTokens = JsonOutput.MAPPER.readTree(shown.out());
    assertThat(withTokens.findValuesAsText("accessToken"))
        .allSatisfy(t -> assertThat(t).startsWith("resource-"));
    String access = withTokens.get(0).path("accessToken").asText();
    assertThat(server.http.getJson("/", "X-Plex-Token", access).status()).isEqualTo(200);
  }

  @Test
  void devicesListTheAccountsDevicesWithThisOneMarked(@TempDir Path home, @TempDir Path other)
      throws Exception {
    signedIn(other, "alice", Fixture.USER_PASSWORD);
    signedIn(home, "alice", Fixture.USER_PASSWORD);

    Result table = Cli.in(home).run("devices").succeeded();
    Result json = Cli.in(home).run("devices", "--json").succeeded();

    assertThat(table.out().lines().toList().get(0))
        .matches(" +ID +NAME +PRODUCT +PLATFORM +LAST SEEN");
    assertThat(table.out()).contains("plexauth-cli").doesNotContain(storedToken(home));
    JsonNode devices = JsonOutput.MAPPER.readTree(json.out());
    assertThat(devices.size()).isGreaterThanOrEqualTo(2);
    assertThat(devices.findValues("current").stream().filter(JsonNode::asBoolean)).hasSize(1);
    long current = -1;
    for (JsonNode device : devices) {
      if (device.path("current").asBoolean()) {
        current = device.path("id").asLong();
      }
    }
    assertThat(table.out()).containsPattern("(?m)^\\* +" + current + " ");
  }

  @Test
  void devicesRemoveSignsAnotherDeviceOutAndRefusesAnUnknownOne(
      @TempDir Path home, @TempDir Path other) throws Exception {
    Cli otherCli = signedIn(other, "alice", Fixture.USER_PASSWORD);
    String otherToken = storedToken(other);
    signedIn(home, "alice", Fixture.USER_PASSWORD);
    long otherId = -1;
    for (JsonNode device :
        JsonOutput.MAPPER.readTree(Cli.in(home).run("devices", "--json").out())) {
      if (!device.path("current").asBoolean()
          && device.path("clientIdentifier").asText().equals(clientIdentifier(other))) {
        otherId = device.path("id").asLong();
      }
    }

    Result removed = Cli.in(home).run("devices", "remove", Long.toString(otherId)).succeeded();
    Result unknown =
        Cli.in(home).run("devices", "remove", Long.toString(otherId)).failed(CliException.REFUSED);
    Cli.in(home).run("devices", "remove", "abc").failed(CliException.USAGE);

    assertThat(removed.out()).isEqualTo("Removed device " + otherId + ".\n");
    assertThat(unknown.err()).contains("no device " + otherId);
    assertThat(server.http.getJson("/api/v2/user", "X-Plex-Token", otherToken).status())
        .isEqualTo(401);
    otherCli.run("ping").failed(CliException.REFUSED);
    Cli.in(home).run("ping").succeeded();
  }

  @Test
  void removingThisDeviceForgetsTheStoredToken(@TempDir Path home) throws Exception {
    signedIn(home, "alice", Fixture.USER_PASSWORD);
    long self = -1;
    for (JsonNode device :
        JsonOutput.MAPPER.readTree(Cli.in(home).run("devices", "--json").out())) {
      if (device.path("current").asBoolean()) {
        self = device.path("id").asLong();
      }
    }

    Result removed = Cli.in(home).run("devices", "remove", Long.toString(self)).succeeded();

    assertThat(removed.out()).contains("(this one)");
    assertThat(storedToken(home)).isNull();
  }

  @Test
  void signoutEndsTheTokenAndRemovesItFromTheConfig(@TempDir Path home) throws Exception {
    signedIn(home, "alice", Fixture.USER_PASSWORD);
    String token = storedToken(home);
    String clientIdentifier = clientIdentifier(home);

    Result result = Cli.in(home).run("signout").succeeded();

    assertThat(result.out()).startsWith("Signed out; the token is removed from ");
    assertThat(server.http.getJson("/api/v2/user", "X-Plex-Token", token).status()).isEqualTo(401);
    JsonNode config = JsonOutput.MAPPER.readTree(home.resolve("config.json").toFile());
    assertThat(config.has("token")).isFalse();
    assertThat(config.has("login")).isFalse();
    assertThat(config.path("server").asText()).isEqualTo(server.url());
    assertThat(config.path("clientIdentifier").asText()).isEqualTo(clientIdentifier);
    assertThat(Files.readString(home.resolve("config.json"))).doesNotContain(token);
    Result again = Cli.in(home).run("signout").failed(CliException.USAGE);
    assertThat(again.err()).contains("not signed in");
  }

  @Test
  void signoutOfATokenTheServerNoLongerKnowsStillForgetsIt(@TempDir Path home) throws Exception {
    signedIn(home, "alice", Fixture.USER_PASSWORD);
    String token = storedToken(home);
    server.http.send("DELETE", "/api/v2/users/signout", null, "X-Plex-Token", token);

    Result result = Cli.in(home).run("signout").succeeded();

    assertThat(result.out()).startsWith("The server no longer knew the token; removed it");
    assertThat(storedToken(home)).isNull();
  }

  @Test
  void signoutOfAGivenTokenLeavesTheConfigAlone(@TempDir Path home, @TempDir Path other)
      throws Exception {
    signedIn(home, "alice", Fixture.USER_PASSWORD);
    String stored = storedToken(home);
    String given = server.http.signInToken("given", Fixture.USER, Fixture.USER_PASSWORD, null);

    Result result = Cli.in(home).env("PLEX_TOKEN", given).run("signout").succeeded();
    Result unknown =
        Cli.in(home).run("signout", "--token", "not-a-token").failed(CliException.REFUSED);

    assertThat(result.out()).isEqualTo("Signed out: the token no longer works.\n");
    assertThat(server.http.getJson("/api/v2/user", "X-Plex-Token", given).status()).isEqualTo(401);
    assertThat(storedToken(home)).isEqualTo(stored);
    assertThat(unknown.err()).contains("HTTP 401");
    assertThat(server.http.getJson("/api/v2/user", "X-Plex-Token", stored).status()).isEqualTo(200);
  }

  private static String clientIdentifier(Path home) throws Exception {
    return JsonOutput.MAPPER
        .readTree(home.resolve("config.json").toFile())
        .path("clientIdentifier")
        .asText();
  }
}
