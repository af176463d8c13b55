package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.MutableClock;
import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How long tokens live: transient expiry, revocation with the root, and a restart. */
class TokenLifetimeTest {

  @TempDir Path dataDir;

  /** The database each test runs on; {@link PostgresWireTest} overrides it. */
  TestDatabase database(Path dataDir) {
    return TestDatabase.sqlite(dataDir);
  }

  @Test
  void transientTokenExpiresAfter48Hours() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      String account = fx.http.signInToken("c", Fixture.USER, Fixture.USER_PASSWORD, null);
      String transientToken = fx.http.transientToken(account);

      fx.clock.advance(Duration.ofHours(48).minusSeconds(1));
      assertThat(status(fx, transientToken)).isEqualTo(200);
      fx.clock.advance(Duration.ofSeconds(1));
      assertThat(status(fx, transientToken)).isEqualTo(401);
      assertThat(status(fx, account)).isEqualTo(200);
    }
  }

  @Test
  void transientTokenFromATransientTokenNeverOutlivesItsParent() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      String account = fx.http.signInToken("c", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      String parent = fx.http.transientToken(account);
      fx.clock.advance(Duration.ofHours(40));
      String child = fx.http.transientToken(parent);
      String sourceToken =
          fx.http
              .getJson("/security/resources?source=" + Fixture.SOURCE, "X-Plex-Token", parent)
              .json()
              .path("MediaContainer")
              .path("Device")
              .path("accessToken")
              .asText();

      fx.clock.advance(Duration.ofHours(8));
      assertThat(status(fx, parent)).isEqualTo(401);
      assertThat(status(fx, child)).isEqualTo(401);
      assertThat(status(fx, sourceToken)).isEqualTo(401);
      // A transient token made from the account token now still has its full 48 hours.
      String fresh = fx.http.transientToken(account);
      fx.clock.advance(Duration.ofHours(47));
      assertThat(status(fx, fresh)).isEqualTo(200);
    }
  }

  @Test
  void everyLinkOfALongTransientChainEndsWhenItsFirstLinkTurns48() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      String account = fx.http.signInToken("c", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      List<String> chain = new ArrayList<>();
      chain.add(fx.http.transientToken(account));
      for (int link = 1; link < 8; link++) {
        fx.clock.advance(Duration.ofHours(5));
        chain.add(fx.http.transientToken(chain.get(link - 1)));
      }
      chain.add(sourceAccessToken(fx, chain.get(chain.size() - 1)));
      String sibling = fx.http.transientToken(account);

      fx.clock.advance(Duration.ofHours(48 - 35).minusMillis(1));
      assertThat(chain).allSatisfy(token -> assertThat(status(fx, token)).isEqualTo(200));
      fx.clock.advance(Duration.ofMillis(1));
      assertThat(chain).allSatisfy(token -> assertThat(status(fx, token)).isEqualTo(401));
      assertThat(
              fx.http
                  .getJson(
                      "/security/token?type=delegation&scope=all",
                      "X-Plex-Token",
                      chain.get(chain.size() - 1))
                  .status())
          .isEqualTo(401);
      // A transient token made from the account token 35 hours later has its own 48 hours.
      assertThat(status(fx, sibling)).isEqualTo(200);
      assertThat(status(fx, account)).isEqualTo(200);
    }
  }

  @Test
  void removingTheAccountFromAnotherProcessKillsEveryDescendantForGood() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      String account = fx.http.signInToken("c", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      String child = fx.http.transientToken(account);
      String grandchild = fx.http.transientToken(child);
      String fromSource = sourceAccessToken(fx, grandchild);
      String fromSourceChild = fx.http.transientToken(fromSource);

      try (PlexAuthAdmin admin = fx.database.openAdmin()) {
        assertThat(admin.removeAccount(Fixture.ADMIN)).isTrue();
        // The same name again is a new account: nothing of the old one comes back to life.
        admin.addAccount(
            NewAccount.of(Fixture.ADMIN, Fixture.ADMIN_EMAIL, "a-new-passw0rd").asAdmin());
      }
      // Another process's change is seen within a second.
      Fixture.waitOutRecentLookups();

      for (String token : List.of(account, child, grandchild, fromSource, fromSourceChild)) {
        assertThat(status(fx, token)).isEqualTo(401);
        assertThat(
                fx.http
                    .getJson("/security/resources?source=" + Fixture.SOURCE, "X-Plex-Token", token)
                    .status())
            .isEqualTo(401);
      }
    }
  }

  private static String sourceAccessToken(Fixture fx, String token) {
    return fx.http
        .getJson("/security/resources?source=" + Fixture.SOURCE, "X-Plex-Token", token)
        .json()
        .path("MediaContainer")
        .path("Device")
        .path("accessToken")
        .asText();
  }

  @Test
  void replacingTheAccountTokenKillsItsTransientDescendants() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      String account = fx.http.signInToken("device-1", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      String child = fx.http.transientToken(account);
      String grandchild = fx.http.transientToken(child);
      String otherDevice =
          fx.http.signInToken("device-2", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      String otherChild = fx.http.transientToken(otherDevice);

      fx.http.signInToken("device-1", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);

      assertThat(status(fx, account)).isEqualTo(401);
      assertThat(status(fx, child)).isEqualTo(401);
      assertThat(status(fx, grandchild)).isEqualTo(401);
      assertThat(status(fx, otherChild)).isEqualTo(200);
    }
  }

  @Test
  void removingAnAccountKillsItsTokens() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      String account = fx.http.signInToken("c", Fixture.USER, Fixture.USER_PASSWORD, null);
      String child = fx.http.transientToken(account);

      assertThat(fx.server.removeAccount(Fixture.USER)).isTrue();

      assertThat(status(fx, account)).isEqualTo(401);
      assertThat(status(fx, child)).isEqualTo(401);
      assertThat(fx.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null).status())
          .isEqualTo(401);
    }
  }

  @Test
  void restartKeepsAccountsAndAccountTokensButNotTransientTokens() {
    MutableClock clock = new MutableClock();
    TestDatabase database = database(dataDir);
    String account;
    String transientToken;
    try (Fixture fx = Fixture.start(database, clock, 100)) {
      fx.addStandardData();
      account = fx.http.signInToken("c", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      transientToken = fx.http.transientToken(account);
      assertThat(status(fx, transientToken)).isEqualTo(200);
    }
    try (Fixture fx = Fixture.start(database, clock, 100)) {
      assertThat(fx.server.listAccounts())
          .extracting(Account::username)
          .containsExactly(Fixture.ADMIN, Fixture.USER, Fixture.TOTP_USER);
      assertThat(fx.server.listSources()).extracting(Source::id).containsExactly(Fixture.SOURCE);
      assertThat(status(fx, account)).isEqualTo(200);
      assertThat(status(fx, transientToken)).isEqualTo(401);
      assertThat(
              fx.http
                  .getJson(
                      "/security/resources?source=" + Fixture.SOURCE,
                      "X-Plex-Token",
                      transientToken)
                  .status())
          .isEqualTo(401);
      assertThat(fx.http.signIn("d", Fixture.USER, Fixture.USER_PASSWORD, null).status())
          .isEqualTo(201);
    }
  }

  /**
   * Whether a token works, asked on a PMS route: transient tokens are PMS tokens and plex.tv routes
   * refuse them whatever their state.
   */
  private static int status(Fixture fx, String token) {
    Http.Response response =
        fx.http.getJson("/security/token?type=delegation&scope=all", "X-Plex-Token", token);
    return response.status();
  }
}
