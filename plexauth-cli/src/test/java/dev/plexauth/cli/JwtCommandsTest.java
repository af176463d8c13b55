package dev.plexauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.cli.Cli.Result;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code signin --jwt}, {@code token upgrade}, the expiry in {@code token details}, the refresh of
 * later commands and {@code keys rotate}.
 */
class JwtCommandsTest {

  @TempDir Path serverDir;
  @TempDir Path home;
  Fixture server;

  @BeforeEach
  void start() {
    server = Fixture.on(serverDir).withAccounts().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonNode config() throws Exception {
    return JsonOutput.MAPPER.readTree(home.resolve("config.json").toFile());
  }

  @Test
  void signinWithJwtKeepsTheKeyBesideTheConfigAndTheJwtInIt() throws Exception {
    Result signin =
        Cli.in(home)
            .clock(server.clock)
            .stdin(Fixture.USER_PASSWORD + "\n")
            .run(
                "signin", "--server", server.url(), "--login", "alice", "--password-stdin", "--jwt")
            .succeeded();
    assertThat(signin.out()).contains("Plex JWT expires");
    JsonNode jwt = config().path("jwt");
    String token = jwt.path("token").asText();
    assertThat(token).startsWith("eyJ");
    Path key = home.resolve("device.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(new Http(server.url()).getJson("/api/v2/user", "X-Plex-Token", token).status())
        .isEqualTo(200);

    Result details = Cli.in(home).clock(server.clock).run("token", "details").succeeded();
    assertThat(details.out())
        .startsWith("alice <alice@example.com>")
        .contains("token:      Plex JWT, expires ")
        .doesNotContain(token);
    Result transientToken = Cli.in(home).clock(server.clock).run("token", "transient").succeeded();
    assertThat(transientToken.out()).contains("transient-");
    assertThat(String.join("\n", Cli.ALL_OUTPUT))
        .doesNotContain(token)
        .doesNotContain(Files.readString(key).lines().skip(1).findFirst().orElseThrow());
  }

  @Test
  void tokenUpgradeMovesASignedInSessionToJwtsAndLaterCommandsRefreshIt() throws Exception {
    Cli.in(home)
        .clock(server.clock)
        .stdin(Fixture.USER_PASSWORD + "\n")
        .run("signin", "--server", server.url(), "--login", "alice", "--password-stdin")
        .succeeded();
    assertThat(Cli.in(home).clock(server.clock).run("token", "details").succeeded().out())
        .contains("token:      account token");
    Cli.in(home).clock(server.clock).run("token", "upgrade").succeeded();
    String first = config().path("jwt").path("token").asText();
    long firstExpiry = config().path("jwt").path("expiresAt").asLong();
    assertThat(first).startsWith("eyJ");

    // The JWT is refreshed by the next command once less than a day remains.
    server.clock.advance(Duration.ofDays(6).plusHours(1));
    assertThat(Cli.in(home).clock(server.clock).run("token", "details").succeeded().out())
        .contains("token:      Plex JWT, expires ");
    String second = config().path("jwt").path("token").asText();
    assertThat(second).startsWith("eyJ").isNotEqualTo(first);
    assertThat(config().path("jwt").path("expiresAt").asLong()).isGreaterThan(firstExpiry);
  }

  @Test
  void anExpiredStoredJwtIsRefreshedAfterA498() throws Exception {
    Cli.in(home)
        .clock(server.clock)
        .stdin(Fixture.USER_PASSWORD + "\n")
        .run("signin", "--server", server.url(), "--login", "alice", "--password-stdin", "--jwt")
        .succeeded();
    String stale = config().path("jwt").path("token").asText();
    // A config that claims a later expiry than the JWT's: the server's 498 decides.
    com.fasterxml.jackson.databind.node.ObjectNode edited =
        (com.fasterxml.jackson.databind.node.ObjectNode) config();
    ((com.fasterxml.jackson.databind.node.ObjectNode) edited.path("jwt"))
        .put("expiresAt", server.clock.instant().plus(Duration.ofDays(60)).getEpochSecond());
    Files.writeString(home.resolve("config.json"), edited.toString());
    server.clock.advance(Duration.ofDays(8));
    Result details = Cli.in(home).clock(server.clock).run("token", "details").succeeded();
    assertThat(details.out()).startsWith("alice <alice@example.com>");
    assertThat(new Http(server.url()).getJson("/api/v2/user", "X-Plex-Token", stale).status())
        .isEqualTo(498);
    assertThat(stale).startsWith("eyJ");
  }

  @Test
  void aDeletedDeviceKeyIsAClearOneLineRefusal() throws Exception {
    Cli.in(home)
        .clock(server.clock)
        .stdin(Fixture.USER_PASSWORD + "\n")
        .run("signin", "--server", server.url(), "--login", "alice", "--password-stdin", "--jwt")
        .succeeded();
    Files.delete(home.resolve("device.key"));

    Result details = Cli.in(home).clock(server.clock).run("token", "details").failed(1);

    assertThat(details.err().strip().lines()).hasSize(1);
    assertThat(details.err())
        .contains("device key")
        .contains("is missing")
        .contains("plexauth signin")
        .doesNotContain("Exception")
        .doesNotContain("eyJ");
  }

  @Test
  void keysRotateMakesANewPublishedKey() {
    Http http = new Http(server.url());
    assertThat(http.getJson("/api/v2/auth/keys").json().path("keys")).hasSize(1);
    Result rotated =
        Cli.in(home).clock(server.clock).run("keys", "rotate", "--data-dir", serverDir.toString());
    rotated.succeeded();
    assertThat(rotated.out()).startsWith("New signing key ");
    server.clock.advance(Duration.ofMinutes(1));
    assertThat(http.getJson("/api/v2/auth/keys").json().path("keys")).hasSize(2);
  }
}
