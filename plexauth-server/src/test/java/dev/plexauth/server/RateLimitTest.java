package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-address token bucket on sign-in. */
class RateLimitTest {

  @TempDir Path dataDir;

  @Test
  void signInsBeyondThePerAddressLimitGet429WithRetryAfter() {
    MutableClock clock = new MutableClock();
    try (Fixture fx = Fixture.start(dataDir, clock, 3)) {
      fx.addStandardData();
      long verificationsBefore = fx.server.passwordVerifications();
      for (int i = 0; i < 3; i++) {
        assertThat(fx.http.signIn("c", Fixture.USER, "wrong", null).status()).isEqualTo(401);
      }

      Http.Response limited = fx.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null);

      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.errorCode()).isEqualTo(1003);
      assertThat(limited.header("Retry-After")).contains("20");
      // A limited attempt never reaches the password check.
      assertThat(fx.server.passwordVerifications() - verificationsBefore).isEqualTo(3);
      // Other routes are not limited.
      assertThat(fx.http.getJson("/api/v2/user").status()).isEqualTo(401);

      clock.advance(Duration.ofSeconds(20));
      assertThat(fx.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null).status())
          .isEqualTo(201);
      assertThat(fx.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null).status())
          .isEqualTo(429);
    }
  }
}
