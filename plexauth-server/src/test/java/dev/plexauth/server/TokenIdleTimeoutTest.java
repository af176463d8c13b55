package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Account tokens end after 90 days unused (use recorded at most once an hour, so the lookup does
 * not write on every request) and, when configured, at a maximum age however much they are used.
 */
class TokenIdleTimeoutTest {

  private static final Duration NINETY_DAYS = Duration.ofDays(90);

  @TempDir Path dataDir;

  /** The database each test runs on; {@link PostgresWireTest} overrides it. */
  TestDatabase database(Path dataDir) {
    return TestDatabase.sqlite(dataDir);
  }

  @Test
  void aTokenUnusedForNinetyDaysEnds() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      String token = fx.http.signInToken("c", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      String other = fx.http.signInToken("d", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);

      fx.clock.advance(NINETY_DAYS.minusMillis(1));
      // Making a transient token counts as a use of its account token, and is recorded.
      assertThat(pmsStatus(fx, token)).isEqualTo(200);
      fx.clock.advance(NINETY_DAYS.minusMillis(1));
      assertThat(userStatus(fx, token)).isEqualTo(200);
      fx.clock.advance(NINETY_DAYS);
      assertThat(userStatus(fx, token)).isEqualTo(401);
      assertThat(pmsStatus(fx, token)).isEqualTo(401);
      // The other device's token was last used at its sign-in, 270 days ago.
      assertThat(userStatus(fx, other)).isEqualTo(401);
      // Signing in again gives the device a working token.
      String again = fx.http.signInToken("c", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      assertThat(userStatus(fx, again)).isEqualTo(200);
    }
  }

  @Test
  void useIsRecordedAtMostOnceAnHourPerToken() throws Exception {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      String token = fx.http.signInToken("c", Fixture.USER, Fixture.USER_PASSWORD, null);
      long signedIn = fx.clock.millis();
      assertThat(lastUsed(fx, "c")).isEqualTo(signedIn);

      for (int use = 1; use <= 8; use++) {
        fx.clock.advance(Duration.ofMinutes(7));
        assertThat(userStatus(fx, token)).isEqualTo(200);
      }
      assertThat(lastUsed(fx, "c")).as("no write within the hour").isEqualTo(signedIn);

      fx.clock.advance(Duration.ofMinutes(60 - 56));
      assertThat(userStatus(fx, token)).isEqualTo(200);
      long recorded = fx.clock.millis();
      assertThat(recorded - signedIn).isEqualTo(Duration.ofHours(1).toMillis());
      assertThat(lastUsed(fx, "c")).isEqualTo(recorded);

      fx.clock.advance(Duration.ofMinutes(59));
      assertThat(userStatus(fx, token)).isEqualTo(200);
      assertThat(lastUsed(fx, "c")).isEqualTo(recorded);
    }
  }

  @Test
  void theIdleTimeoutIsConfigurableAndTransientDescendantsEndWithTheirRoot() {
    try (Fixture fx =
        Fixture.on(database(dataDir))
            .server(b -> b.tokenIdleTimeout(Duration.ofDays(1)))
            .withAccounts()
            .start()) {
      String token = fx.http.signInToken("c", Fixture.USER, Fixture.USER_PASSWORD, null);
      String other = fx.http.signInToken("d", Fixture.USER, Fixture.USER_PASSWORD, null);
      String child = fx.http.transientToken(other);
      fx.clock.advance(Duration.ofDays(1).minusMillis(1));
      assertThat(userStatus(fx, token)).isEqualTo(200);
      fx.clock.advance(Duration.ofMillis(1));
      // The child is 24 hours old of its 48, but its root went unused for a day.
      assertThat(pmsStatus(fx, child)).isEqualTo(401);
      assertThat(userStatus(fx, other)).isEqualTo(401);
      fx.clock.advance(Duration.ofDays(1));
      assertThat(userStatus(fx, token)).isEqualTo(401);
    }
  }

  @Test
  void aMaximumAgeEndsATokenHoweverMuchItIsUsed() {
    try (Fixture fx =
        Fixture.on(database(dataDir))
            .server(b -> b.tokenMaxAge(Duration.ofDays(30)))
            .withAccounts()
            .start()) {
      String token = fx.http.signInToken("c", Fixture.USER, Fixture.USER_PASSWORD, null);
      for (int day = 0; day < 29; day++) {
        fx.clock.advance(Duration.ofDays(1));
        assertThat(userStatus(fx, token)).isEqualTo(200);
      }
      fx.clock.advance(Duration.ofDays(1).minusMillis(1));
      assertThat(userStatus(fx, token)).isEqualTo(200);
      fx.clock.advance(Duration.ofMillis(1));
      assertThat(userStatus(fx, token)).isEqualTo(401);
    }
  }

  @Test
  void withoutAMaximumAgeATokenUsedEveryMonthLivesOn() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      String token = fx.http.signInToken("c", Fixture.USER, Fixture.USER_PASSWORD, null);
      for (int month = 1; month <= 24; month++) {
        fx.clock.advance(Duration.ofDays(30));
        assertThat(userStatus(fx, token)).as("month %d", month).isEqualTo(200);
      }
    }
  }

  private static int userStatus(Fixture fx, String token) {
    return fx.http.getJson("/api/v2/user", "X-Plex-Token", token).status();
  }

  private static int pmsStatus(Fixture fx, String token) {
    return fx.http
        .getJson("/security/token?type=delegation&scope=all", "X-Plex-Token", token)
        .status();
  }

  private static long lastUsed(Fixture fx, String client) throws SQLException {
    try (Connection db = fx.database.connect();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT last_used_at FROM account_tokens WHERE client_identifier = ?")) {
      query.setString(1, client);
      try (ResultSet rows = query.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return rows.getLong(1);
      }
    }
  }
}
