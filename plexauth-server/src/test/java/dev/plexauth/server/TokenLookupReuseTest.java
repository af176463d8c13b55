package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bound on reused token lookups (docs/server.md, "Token lookups"): a token ended through a
 * server is refused by that server on the very next request, even one right after the token was
 * used; a change made by another process on the database (an administration opened beside the
 * running server, as {@code plexauth user remove} does) is seen within a second.
 */
class TokenLookupReuseTest {

  @TempDir Path dataDir;

  @Test
  void aTokenEndedThroughTheServerIsRefusedOnTheNextRequest() {
    try (Fixture fx = Fixture.withAccounts(TestDatabase.sqlite(dataDir))) {
      String signedOut = inUse(fx, "signed-out", Fixture.USER, Fixture.USER_PASSWORD);
      assertThat(
              fx.http
                  .send("DELETE", "/api/v2/users/signout", null, "X-Plex-Token", signedOut)
                  .status())
          .isEqualTo(204);
      assertThat(user(fx, signedOut)).isEqualTo(401);

      String changed = inUse(fx, "changed", Fixture.USER, Fixture.USER_PASSWORD);
      String changedTransient = fx.http.transientToken(changed);
      fx.server.changePassword(Fixture.USER, "a-changed-passw0rd");
      assertThat(user(fx, changed)).isEqualTo(401);
      assertThat(pms(fx, changedTransient)).isEqualTo(401);

      String removed = inUse(fx, "removed", Fixture.ADMIN, Fixture.ADMIN_PASSWORD);
      fx.server.removeAccount(Fixture.ADMIN);
      assertThat(user(fx, removed)).isEqualTo(401);
    }
  }

  @Test
  void aUserRemovedBesideTheRunningServerIsRefusedWithinASecond() {
    try (Fixture fx = Fixture.withAccounts(TestDatabase.sqlite(dataDir))) {
      String token = inUse(fx, "beside", Fixture.USER, Fixture.USER_PASSWORD);
      String transientToken = fx.http.transientToken(token);
      String other = inUse(fx, "other", Fixture.ADMIN, Fixture.ADMIN_PASSWORD);

      try (PlexAuthAdmin admin = fx.database.openAdmin()) {
        assertThat(admin.removeAccount(Fixture.USER)).isTrue();
      }
      Fixture.waitOutRecentLookups();

      assertThat(user(fx, token)).isEqualTo(401);
      assertThat(pms(fx, token)).isEqualTo(401);
      assertThat(pms(fx, transientToken)).isEqualTo(401);
      assertThat(
              fx.http
                  .getJson("/security/resources?source=" + Fixture.SOURCE, "X-Plex-Token", token)
                  .status())
          .isEqualTo(401);
      assertThat(user(fx, other)).isEqualTo(200);
    }
  }

  @Test
  void aPasswordChangedBesideTheRunningServerEndsItsTokensWithinASecond() {
    try (Fixture fx = Fixture.withAccounts(TestDatabase.sqlite(dataDir))) {
      List<String> tokens =
          List.of(
              inUse(fx, "one", Fixture.USER, Fixture.USER_PASSWORD),
              inUse(fx, "two", Fixture.USER, Fixture.USER_PASSWORD));

      try (PlexAuthAdmin admin = fx.database.openAdmin()) {
        assertThat(admin.changePassword(Fixture.USER, "a-changed-passw0rd")).isTrue();
      }
      Fixture.waitOutRecentLookups();

      for (String token : tokens) {
        assertThat(user(fx, token)).isEqualTo(401);
      }
      assertThat(inUse(fx, "three", Fixture.USER, "a-changed-passw0rd")).isNotEmpty();
    }
  }

  /** A new token of the account, used a few times, so its lookup is one the server may reuse. */
  private static String inUse(Fixture fx, String clientId, String login, String password) {
    String token = fx.http.signInToken(clientId, login, password, null);
    for (int i = 0; i < 3; i++) {
      assertThat(user(fx, token)).isEqualTo(200);
      assertThat(pms(fx, token)).isEqualTo(200);
    }
    return token;
  }

  private static int user(Fixture fx, String token) {
    return fx.http.getJson("/api/v2/user", "X-Plex-Token", token).status();
  }

  private static int pms(Fixture fx, String token) {
    return fx.http
        .getJson("/security/token?type=delegation&scope=all", "X-Plex-Token", token)
        .status();
  }
}
