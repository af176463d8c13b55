package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.auth.Totp;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Account lockout: from the 10th failure in 12 h, wait 60 s x (failures - 9), at most 15 min. */
class LockoutTest {

  @TempDir Path dataDir;

  /** The database each test runs on; {@link PostgresWireTest} overrides it. */
  TestDatabase database(Path dataDir) {
    return TestDatabase.sqlite(dataDir);
  }

  @Test
  void lockoutEngagesAtTheTenthFailureGrowsAndReleases() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      Http http = fx.http;
      for (int i = 1; i <= 9; i++) {
        Http.Response response = http.signIn("c", Fixture.USER, "wrong-" + i, null);
        assertThat(response.status()).as("failure %d", i).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo(1001);
      }
      Http.Response tenth = http.signIn("c", Fixture.USER, "wrong-10", null);
      assertLocked(tenth, 60);

      // The right password is refused while locked, and the wait keeps counting down.
      fx.clock.advance(Duration.ofSeconds(20));
      assertLocked(http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null), 40);

      // After the wait one more failure locks for 2 minutes.
      fx.clock.advance(Duration.ofSeconds(40));
      assertLocked(http.signIn("c", Fixture.USER, "wrong-11", null), 120);

      fx.clock.advance(Duration.ofSeconds(120));
      assertThat(http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null).status())
          .isEqualTo(201);

      // Success reset the count: nine more failures are plain 401s again.
      for (int i = 1; i <= 9; i++) {
        assertThat(http.signIn("c", Fixture.USER, "again-" + i, null).status()).isEqualTo(401);
      }
    }
  }

  @Test
  void waitIsCappedAtFifteenMinutesAndFailuresOlderThanTwelveHoursAreForgotten() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      Http http = fx.http;
      for (int i = 1; i <= 9; i++) {
        http.signIn("c", Fixture.ADMIN, "wrong", null);
      }
      for (int failures = 10; failures <= 25; failures++) {
        Http.Response response = http.signIn("c", Fixture.ADMIN, "wrong", null);
        long expected = Math.min(60L * (failures - 9), 900L);
        assertLocked(response, expected);
        fx.clock.advance(Duration.ofSeconds(expected));
      }
      fx.clock.advance(Duration.ofHours(12).plusSeconds(1));
      assertThat(http.signIn("c", Fixture.ADMIN, "wrong", null).status()).isEqualTo(401);
    }
  }

  @Test
  void twoFactorFailuresCountTowardsTheLockout() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      Http http = fx.http;
      String code = Totp.code(fx.totpSecret(), fx.clock.instant());
      String wrong = code.equals("123456") ? "654321" : "123456";
      for (int i = 1; i <= 9; i++) {
        Http.Response response = http.signIn("c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, wrong);
        assertThat(response.errorCode()).isEqualTo(1028);
      }
      // A missing code is the normal first step, not a failure.
      assertThat(http.signIn("c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, null).errorCode())
          .isEqualTo(1029);
      assertLocked(http.signIn("c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, wrong), 60);
      assertLocked(http.signIn("c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, code), 60);

      fx.clock.advance(Duration.ofSeconds(60));
      String fresh = Totp.code(fx.totpSecret(), fx.clock.instant());
      assertThat(http.signIn("c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, fresh).status())
          .isEqualTo(201);
    }
  }

  @Test
  void unknownLoginsLockLikeRealOnesSoLockoutRevealsNothing() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      for (int i = 1; i <= 9; i++) {
        assertThat(fx.http.signIn("c", "ghost", "x", null).status()).isEqualTo(401);
      }
      assertLocked(fx.http.signIn("c", "ghost", "x", null), 60);
      // Other accounts are unaffected.
      assertThat(fx.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null).status())
          .isEqualTo(201);
    }
  }

  private static void assertLocked(Http.Response response, long retryAfterSeconds) {
    assertThat(response.status()).isEqualTo(429);
    assertThat(response.errorCode()).isEqualTo(1031);
    assertThat(response.header("Retry-After")).contains(Long.toString(retryAfterSeconds));
  }
}
