package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.sdk.models.Connection;
import dev.plexauth.server.auth.Totp;
import dev.plexauth.server.store.JdbcStore;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.ServerProcess;
import dev.plexauth.server.support.SharedPostgres;
import dev.plexauth.server.support.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two plexauth processes (separate JVMs) on one PostgreSQL database, as behind a load balancer:
 * accounts, account tokens, lockout counts, TOTP steps, sources, the machine identifier and
 * resource tokens are shared through the database, so a sign-out or a device removal on one is seen
 * there at once and on the other within a second (its lookups are reused for at most a second);
 * transient tokens stay with the instance that minted them. Both instances connect as a role that
 * needs a password, which they take from {@code PLEXAUTH_DB_PASSWORD}.
 */
class SeveralInstancesTest {

  private static final Map<String, String> ENVIRONMENT =
      Map.of(
          JdbcStore.PASSWORD_VARIABLE,
          SharedPostgres.PASSWORD,
          "PLEXAUTH_SECRET_KEY",
          TestDatabase.POSTGRES_SECRET_KEY);
  private static final String ADMIN = "owner";
  private static final String ADMIN_PASSWORD = "owner-password";
  private static final String SOURCE = "server://den";

  private static String jdbcUrl;
  private static ServerProcess a;
  private static ServerProcess b;
  private static Http onA;
  private static Http onB;
  private static String totpSecret;

  @BeforeAll
  static void startTwoInstances() {
    jdbcUrl = SharedPostgres.asPasswordUser(SharedPostgres.newDatabase());
    // Both start at once on the empty database: the schema migration must cope.
    CompletableFuture<ServerProcess> startA =
        CompletableFuture.supplyAsync(() -> ServerProcess.start("A", jdbcUrl, ENVIRONMENT));
    CompletableFuture<ServerProcess> startB =
        CompletableFuture.supplyAsync(() -> ServerProcess.start("B", jdbcUrl, ENVIRONMENT));
    a = startedOrNull(startA);
    b = startedOrNull(startB);
    if (a == null || b == null) {
      stopInstances();
      startA.join(); // throws the cause
      startB.join();
    }
    onA = new Http(a.url());
    onB = new Http(b.url());
    // Set up as an operator would, with the admin API on the same database (the CLI's way).
    try (PlexAuthAdmin admin = PlexAuthAdmin.open(jdbcUrl, ENVIRONMENT)) {
      admin.addAccount(NewAccount.of(ADMIN, "owner@example.com", ADMIN_PASSWORD).asAdmin());
      admin.addAccount(NewAccount.of("dana", "dana@example.com", "dana-password"));
      admin.addAccount(NewAccount.of("locky", "locky@example.com", "locky-password"));
      totpSecret =
          admin
              .addAccount(NewAccount.of("tess", "tess@example.com", "tess-password").withTotp())
              .totpSecret()
              .orElseThrow();
      admin.addSource(
          new Source(
              SOURCE,
              "Den",
              "den",
              List.of(
                  new Connection(
                      "http", "10.0.0.5", 32400, "http://10.0.0.5:32400", true, false))));
    }
  }

  private static ServerProcess startedOrNull(CompletableFuture<ServerProcess> start) {
    try {
      return start.join();
    } catch (CompletionException e) {
      return null;
    }
  }

  @AfterAll
  static void stopInstances() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  @Test
  void signInOnAThenTokenDetailsAndSourcesOnB() {
    Http.Response signedIn = onA.signIn("laptop", ADMIN, ADMIN_PASSWORD, null);
    String token = signedIn.json().path("authToken").asText();

    Http.Response details = onB.getJson("/api/v2/user", "X-Plex-Token", token);
    Http.Response resources =
        onB.getJson("/security/resources?source=" + SOURCE, "X-Plex-Token", token);

    assertThat(signedIn.status()).isEqualTo(201);
    assertThat(details.status()).isEqualTo(200);
    JsonNode user = details.json();
    assertThat(user.path("id").asLong()).isEqualTo(signedIn.json().path("id").asLong());
    assertThat(user.path("uuid").asText()).isEqualTo(signedIn.json().path("uuid").asText());
    assertThat(user.path("authToken").asText()).isEqualTo(token);
    assertThat(resources.status()).isEqualTo(200);
    assertThat(resources.json().path("MediaContainer").path("Device").path("name").asText())
        .isEqualTo("Den");
  }

  @Test
  void repeatSignInOnBReplacesTheDevicesTokenOnBothInstances() {
    String first = onA.signInToken("phone", "dana", "dana-password", null);
    String otherDevice = onA.signInToken("tablet", "dana", "dana-password", null);

    String second = onB.signInToken("phone", "dana", "dana-password", null);

    assertThat(second).isNotEqualTo(first);
    assertThat(status(onA, first)).isEqualTo(401);
    assertThat(status(onB, first)).isEqualTo(401);
    assertThat(status(onA, second)).isEqualTo(200);
    assertThat(status(onB, second)).isEqualTo(200);
    assertThat(status(onB, otherDevice)).isEqualTo(200);
  }

  @Test
  void failedSignInsOnAAndBAddUpToOneLockout() {
    for (int i = 1; i <= 9; i++) {
      Http onEither = i % 2 == 0 ? onB : onA;
      assertThat(onEither.signIn("c", "locky", "wrong-" + i, null).status())
          .as("failure %d", i)
          .isEqualTo(401);
    }

    Http.Response tenth = onB.signIn("c", "locky", "wrong-10", null);
    Http.Response rightPasswordOnA = onA.signIn("c", "locky", "locky-password", null);

    assertThat(tenth.status()).isEqualTo(429);
    assertThat(tenth.errorCode()).isEqualTo(1031);
    assertThat(tenth.header("Retry-After")).hasValueSatisfying(s -> assertThat(s).isEqualTo("60"));
    assertThat(rightPasswordOnA.status()).isEqualTo(429);
    assertThat(rightPasswordOnA.errorCode()).isEqualTo(1031);
  }

  @Test
  void aVerificationCodeUsedOnAIsRefusedOnB() {
    String code = Totp.code(totpSecret, Instant.now());

    Http.Response onFirst = onA.signIn("c", "tess", "tess-password", code);
    Http.Response replayed = onB.signIn("c", "tess", "tess-password", code);

    assertThat(onFirst.status()).isEqualTo(201);
    assertThat(replayed.status()).isEqualTo(401);
    assertThat(replayed.errorCode()).isEqualTo(1028);
  }

  @Test
  void anAccountAddedOnASignsInOnB() {
    a.addAccount("erin", "erin@example.com", "erin-password");

    Http.Response response = onB.signIn("c", "erin@example.com", "erin-password", null);

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.json().path("username").asText()).isEqualTo("erin");
  }

  @Test
  void transientTokensStayWithTheInstanceThatMintedThemAndDieWithItsRestart() {
    String account = onA.signInToken("desktop", ADMIN, ADMIN_PASSWORD, null);
    String fromA = onA.transientToken(account);

    assertThat(pmsStatus(onA, fromA)).isEqualTo(200);
    assertThat(pmsStatus(onB, fromA)).isEqualTo(401);
    assertThat(onB.getJson("/security/resources?source=" + SOURCE, "X-Plex-Token", fromA).status())
        .isEqualTo(401);

    a.close();
    a = ServerProcess.start("A (restarted)", jdbcUrl, ENVIRONMENT);
    onA = new Http(a.url());

    assertThat(pmsStatus(onA, fromA)).isEqualTo(401);
    assertThat(status(onA, account)).isEqualTo(200);
    assertThat(status(onB, account)).isEqualTo(200);
  }

  @Test
  void bothInstancesAreOneServerWithOneMachineIdentifier() {
    JsonNode onFirst = onA.getJson("/identity").json().path("MediaContainer");
    JsonNode onSecond = onB.getJson("/identity").json().path("MediaContainer");

    assertThat(onFirst.path("machineIdentifier").asText()).matches("[0-9a-f]{40}");
    assertThat(onSecond.path("machineIdentifier")).isEqualTo(onFirst.path("machineIdentifier"));
  }

  @Test
  void aSignOutOnAIsSeenOnBWithinASecondWithTheAccessTokensFromIt() {
    String token = onA.signInToken("signout-device", "dana", "dana-password", null);
    String otherDevice = onA.signInToken("other-device", "dana", "dana-password", null);
    try (PlexAuthAdmin admin = PlexAuthAdmin.open(jdbcUrl, ENVIRONMENT)) {
      admin.shareSource(SOURCE, "dana");
    }
    String access = accessToken(onA, token);
    assertThat(onB.getJson("/", "X-Plex-Token", access).status()).isEqualTo(200);
    assertThat(status(onB, token)).isEqualTo(200);

    assertThat(onA.send("DELETE", "/api/v2/users/signout", null, "X-Plex-Token", token).status())
        .isEqualTo(204);

    assertThat(status(onA, token)).isEqualTo(401);
    Fixture.waitOutRecentLookups();
    assertThat(status(onB, token)).isEqualTo(401);
    assertThat(onB.getJson("/", "X-Plex-Token", access).status()).isEqualTo(401);
    assertThat(status(onB, otherDevice)).isEqualTo(200);
  }

  @Test
  void aDeviceRemovedOnBIsSignedOutOnAWithinASecond() {
    String keep = onA.signInToken("keeper", ADMIN, ADMIN_PASSWORD, null);
    String gone = onA.signInToken("removed", ADMIN, ADMIN_PASSWORD, null);
    String goneAccess = accessToken(onA, gone);
    long id = -1;
    for (JsonNode device : onB.getJson("/api/v2/devices", "X-Plex-Token", keep).json()) {
      if (device.path("clientIdentifier").asText().equals("removed")) {
        id = device.path("id").asLong();
      }
    }

    assertThat(onB.send("DELETE", "/api/v2/devices/" + id, null, "X-Plex-Token", keep).status())
        .isEqualTo(204);

    assertThat(status(onB, gone)).isEqualTo(401);
    Fixture.waitOutRecentLookups();
    assertThat(status(onA, gone)).isEqualTo(401);
    assertThat(onA.getJson("/", "X-Plex-Token", goneAccess).status()).isEqualTo(401);
    assertThat(status(onA, keep)).isEqualTo(200);
  }

  private static String accessToken(Http instance, String token) {
    JsonNode resources =
        instance
            .getJson("/api/v2/resources", "X-Plex-Token", token, "X-Plex-Client-Identifier", "test")
            .json();
    assertThat(resources).hasSize(1);
    return resources.get(0).path("accessToken").asText();
  }

  @Test
  void theDatabasePasswordFromTheEnvironmentNeverReachesTheLog() {
    assertThat(a.output() + b.output())
        .contains("database " + jdbcUrl)
        .doesNotContain(SharedPostgres.PASSWORD);
  }

  /** Whether a token works on a PMS route, where transient tokens are honoured. */
  private static int pmsStatus(Http instance, String token) {
    return instance
        .getJson("/security/token?type=delegation&scope=all", "X-Plex-Token", token)
        .status();
  }

  private static int status(Http instance, String token) {
    return instance.getJson("/api/v2/user", "X-Plex-Token", token).status();
  }
}
