package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.auth.Totp;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.MutableClock;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  @Test
  void theDefaultLimitLetsExactlyThirtyAttemptsAMinuteThroughOnThePasswordPath() {
    MutableClock clock = new MutableClock();
    try (Fixture fx = Fixture.start(dataDir, clock, PlexAuthServer.DEFAULT_SIGN_IN_RATE_LIMIT)) {
      fx.addStandardData();
      long verificationsBefore = fx.server.passwordVerifications();
      // A different unknown login each time, so the account lockout stays out of the way.
      for (int i = 1; i <= 30; i++) {
        assertThat(fx.http.signIn("c", "guess-" + i, "wrong", null).status())
            .as("attempt %d", i)
            .isEqualTo(401);
      }

      Http.Response thirtyFirst = fx.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null);

      // 30 a minute refill one every 2 seconds.
      assertLimited(thirtyFirst, "2");
      assertThat(fx.server.passwordVerifications() - verificationsBefore).isEqualTo(30);
      // A forwarded-for header does not buy a new bucket: the socket's address counts.
      assertLimited(
          fx.http.send(
              "POST",
              "/api/v2/users/signin",
              Http.form(Map.of("login", Fixture.USER, "password", Fixture.USER_PASSWORD)),
              "Content-Type",
              "application/x-www-form-urlencoded",
              "Accept",
              "application/json",
              "X-Plex-Client-Identifier",
              "c",
              "X-Forwarded-For",
              "203.0.113.7",
              "X-Real-IP",
              "203.0.113.8"),
          "2");
      clock.advance(Duration.ofMillis(1999));
      assertLimited(fx.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null), "1");
      clock.advance(Duration.ofMillis(1));
      assertThat(fx.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null).status())
          .isEqualTo(201);
      assertLimited(fx.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null), "2");
      // A minute refills the whole bucket, and no more than the whole bucket.
      clock.advance(Duration.ofMinutes(5));
      for (int i = 1; i <= 30; i++) {
        assertThat(fx.http.signIn("c", "again-" + i, "wrong", null).status()).isEqualTo(401);
      }
      assertLimited(fx.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null), "2");
    }
  }

  @Test
  void theLimitCountsTheTwoFactorPathToo() {
    MutableClock clock = new MutableClock();
    try (Fixture fx = Fixture.start(dataDir, clock, 5)) {
      fx.addStandardData();
      String wrongCode = wrongCode(fx.totpSecret(), clock);
      // The first step of a 2FA sign-in (no code yet) and wrong codes both spend the budget.
      for (int i = 1; i <= 3; i++) {
        assertThat(fx.http.signIn("c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, null).errorCode())
            .isEqualTo(1029);
      }
      for (int i = 1; i <= 2; i++) {
        assertThat(
                fx.http
                    .signIn("c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, wrongCode)
                    .errorCode())
            .isEqualTo(1028);
      }
      String code = Totp.code(fx.totpSecret(), clock.instant());

      assertLimited(fx.http.signIn("c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, code), "12");

      clock.advance(Duration.ofSeconds(12));
      assertThat(fx.http.signIn("c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, code).status())
          .isEqualTo(201);
    }
  }

  @Test
  void eachClientAddressHasItsOwnBucket() throws Exception {
    MutableClock clock = new MutableClock();
    try (Fixture fx = Fixture.start(dataDir, clock, 2)) {
      fx.addStandardData();
      int port = fx.server.port();
      for (int i = 0; i < 2; i++) {
        assertThat(signInFrom("127.0.0.1", port)).startsWith("HTTP/1.1 401");
      }
      assertThat(signInFrom("127.0.0.1", port)).startsWith("HTTP/1.1 429");

      // Another loopback source address is another client: its own two attempts.
      assertThat(signInFrom("127.0.0.2", port)).startsWith("HTTP/1.1 401");
      assertThat(signInFrom("127.0.0.2", port)).startsWith("HTTP/1.1 401");
      assertThat(signInFrom("127.0.0.2", port)).startsWith("HTTP/1.1 429");
    }
  }

  /** A sign-in with a wrong password sent from a chosen loopback source address. */
  private static String signInFrom(String sourceAddress, int port) throws Exception {
    String body = "login=alice&password=wrong";
    String request =
        "POST /api/v2/users/signin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\n"
            + "X-Plex-Client-Identifier: c\r\nContent-Length: "
            + body.length()
            + "\r\nConnection: close\r\n\r\n"
            + body;
    try (Socket socket =
        new Socket(
            InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(sourceAddress), 0)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** Six digits that are no code of the current step or either neighbour. */
  static String wrongCode(String secret, MutableClock clock) {
    List<String> valid = new ArrayList<>();
    for (int step = -1; step <= 1; step++) {
      valid.add(Totp.code(secret, clock.instant().plus(Totp.STEP.multipliedBy(step))));
    }
    for (int digit = 0; ; digit++) {
      String candidate = Integer.toString(digit).repeat(6);
      if (!valid.contains(candidate)) {
        return candidate;
      }
    }
  }

  private static void assertLimited(Http.Response response, String retryAfter) {
    assertThat(response.status()).isEqualTo(429);
    assertThat(response.errorCode()).isEqualTo(1003);
    assertThat(response.header("Retry-After")).contains(retryAfter);
  }
}
