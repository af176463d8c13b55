package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.auth.Lockout;
import dev.plexauth.server.auth.Totp;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.StoreDump;
import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Account lockout: from the 10th failure in 12 h, wait 60 s x (failures - 9), at most 15 min. */
class LockoutTest {

  @TempDir Path dataDir;

  /** The database each test runs on; {@link PostgresWireTest} overrides it. */
  TestDatabase database(Path dataDir) {
    return TestDatabase.sqlite(dataDir);
  }

  /**
   * One sign-in attempt, answered as {@code POST /api/v2/users/signin} answers; {@link
   * LegacyLockoutTest} sends it to the older route instead.
   */
  Http.Response signIn(Http http, String client, String login, String password, String code) {
    return http.signIn(client, login, password, code);
  }

  @Test
  void lockoutEngagesAtTheTenthFailureGrowsAndReleases() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      Http http = fx.http;
      for (int i = 1; i <= 9; i++) {
        Http.Response response = signIn(http, "c", Fixture.USER, "wrong-" + i, null);
        assertThat(response.status()).as("failure %d", i).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo(1001);
      }
      Http.Response tenth = signIn(http, "c", Fixture.USER, "wrong-10", null);
      assertLocked(tenth, 60);

      // The right password is refused while locked, and the wait keeps counting down.
      fx.clock.advance(Duration.ofSeconds(20));
      assertLocked(signIn(http, "c", Fixture.USER, Fixture.USER_PASSWORD, null), 40);

      // After the wait one more failure locks for 2 minutes.
      fx.clock.advance(Duration.ofSeconds(40));
      assertLocked(signIn(http, "c", Fixture.USER, "wrong-11", null), 120);

      fx.clock.advance(Duration.ofSeconds(120));
      assertThat(signIn(http, "c", Fixture.USER, Fixture.USER_PASSWORD, null).status())
          .isEqualTo(201);

      // Success reset the count: nine more failures are plain 401s again.
      for (int i = 1; i <= 9; i++) {
        assertThat(signIn(http, "c", Fixture.USER, "again-" + i, null).status()).isEqualTo(401);
      }
    }
  }

  @Test
  void waitIsCappedAtFifteenMinutesAndFailuresOlderThanTwelveHoursAreForgotten() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      Http http = fx.http;
      for (int i = 1; i <= 9; i++) {
        signIn(http, "c", Fixture.ADMIN, "wrong", null);
      }
      for (int failures = 10; failures <= 25; failures++) {
        Http.Response response = signIn(http, "c", Fixture.ADMIN, "wrong", null);
        long expected = Math.min(60L * (failures - 9), 900L);
        assertLocked(response, expected);
        fx.clock.advance(Duration.ofSeconds(expected));
      }
      fx.clock.advance(Duration.ofHours(12).plusSeconds(1));
      assertThat(signIn(http, "c", Fixture.ADMIN, "wrong", null).status()).isEqualTo(401);
    }
  }

  @Test
  void twoFactorFailuresCountTowardsTheLockout() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      Http http = fx.http;
      String code = Totp.code(fx.totpSecret(), fx.clock.instant());
      String wrong = code.equals("123456") ? "654321" : "123456";
      for (int i = 1; i <= 9; i++) {
        Http.Response response = signIn(http, "c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, wrong);
        assertThat(response.errorCode()).isEqualTo(1028);
      }
      // A missing code is the normal first step, not a failure.
      assertThat(signIn(http, "c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, null).errorCode())
          .isEqualTo(1029);
      assertLocked(signIn(http, "c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, wrong), 60);
      assertLocked(signIn(http, "c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, code), 60);

      fx.clock.advance(Duration.ofSeconds(60));
      String fresh = Totp.code(fx.totpSecret(), fx.clock.instant());
      assertThat(signIn(http, "c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, fresh).status())
          .isEqualTo(201);
    }
  }

  @Test
  void unknownLoginsLockLikeRealOnesSoLockoutRevealsNothing() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      for (int i = 1; i <= 9; i++) {
        assertThat(signIn(fx.http, "c", "ghost", "x", null).status()).isEqualTo(401);
      }
      assertLocked(signIn(fx.http, "c", "ghost", "x", null), 60);
      // Other accounts are unaffected.
      assertThat(signIn(fx.http, "c", Fixture.USER, Fixture.USER_PASSWORD, null).status())
          .isEqualTo(201);
    }
  }

  @Test
  void lockoutReleasesAtTheExactMillisecondAndLockedAttemptsDoNotExtendIt() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      Http http = fx.http;
      for (int i = 1; i <= 9; i++) {
        signIn(http, "c", Fixture.USER, "wrong-" + i, null);
      }
      assertLocked(signIn(http, "c", Fixture.USER, "wrong-10", null), 60);
      long verificationsBefore = fx.server.passwordVerifications();

      // Refused attempts while locked run one verification each (same work) but add no failure.
      for (int i = 0; i < 5; i++) {
        fx.clock.advance(Duration.ofSeconds(10));
        assertLocked(signIn(http, "c", Fixture.USER, "wrong-while-locked", null), 50 - 10L * i);
      }
      assertThat(fx.server.passwordVerifications() - verificationsBefore).isEqualTo(5);
      fx.clock.advance(Duration.ofMillis(9_999));
      assertLocked(signIn(http, "c", Fixture.USER, Fixture.USER_PASSWORD, null), 1);
      fx.clock.advance(Duration.ofMillis(1));
      assertThat(signIn(http, "c", Fixture.USER, Fixture.USER_PASSWORD, null).status())
          .isEqualTo(201);
    }
  }

  @Test
  void wrongPasswordsAndWrongCodesAddUpToOneLockout() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      Http http = fx.http;
      String wrongCode = RateLimitTest.wrongCode(fx.totpSecret(), fx.clock);
      for (int i = 1; i <= 5; i++) {
        assertThat(signIn(http, "c", Fixture.TOTP_USER, "wrong-" + i, null).errorCode())
            .isEqualTo(1001);
      }
      for (int i = 1; i <= 4; i++) {
        assertThat(
                signIn(http, "c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, wrongCode).errorCode())
            .isEqualTo(1028);
      }

      assertLocked(signIn(http, "c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, wrongCode), 60);
      String code = Totp.code(fx.totpSecret(), fx.clock.instant());
      assertLocked(signIn(http, "c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, code), 60);

      // The next failure after the wait locks for two minutes, on the 2FA path as well.
      fx.clock.advance(Duration.ofSeconds(60));
      String laterWrong = RateLimitTest.wrongCode(fx.totpSecret(), fx.clock);
      assertLocked(signIn(http, "c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, laterWrong), 120);
      fx.clock.advance(Duration.ofSeconds(120));
      String fresh = Totp.code(fx.totpSecret(), fx.clock.instant());
      assertThat(signIn(http, "c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, fresh).status())
          .isEqualTo(201);
    }
  }

  @Test
  void aParallelGuessingRunIsJudgedNoFasterThanASequentialOne() throws Exception {
    int guesses = 32;
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      long verificationsBefore = fx.server.passwordVerifications();

      List<Http.Response> answers =
          parallel(guesses, i -> signIn(fx.http, "c", Fixture.USER, "guess-" + i, null));

      assertJudgedExactlyUpToTheThreshold(fx, answers, 1001);
      assertThat(fx.server.passwordVerifications() - verificationsBefore).isEqualTo(guesses);
      assertLocked(signIn(fx.http, "c", Fixture.USER, Fixture.USER_PASSWORD, null), 60);
    }
  }

  @Test
  void aParallelRunOfWrongCodesIsJudgedNoFasterThanASequentialOne() throws Exception {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      String code = Totp.code(fx.totpSecret(), fx.clock.instant());
      String wrong = code.equals("123456") ? "654321" : "123456";

      List<Http.Response> answers =
          parallel(32, i -> signIn(fx.http, "c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, wrong));

      assertJudgedExactlyUpToTheThreshold(fx, answers, 1028);
      assertLocked(signIn(fx.http, "c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, code), 60);
    }
  }

  /**
   * Exactly threshold - 1 answers say "wrong", every other one says "locked", and the store counted
   * exactly threshold failures: no guess was judged against an account that should have been
   * locked.
   */
  private static void assertJudgedExactlyUpToTheThreshold(
      Fixture fx, List<Http.Response> answers, int wrongCode) {
    assertThat(answers.stream().filter(r -> r.status() == 401 && r.errorCode() == wrongCode))
        .as("answers that judged the guess")
        .hasSize(Lockout.THRESHOLD - 1);
    assertThat(answers.stream().filter(r -> r.status() == 429 && r.errorCode() == 1031))
        .as("answers refused by the lockout")
        .hasSize(answers.size() - (Lockout.THRESHOLD - 1));
    // Counted per login string and per account: both at exactly the threshold.
    assertThat(StoreDump.of(fx.database))
        .filteredOn(row -> row.startsWith("sign_in_failures:"))
        .hasSize(2)
        .allSatisfy(row -> assertThat(row).contains(";failures=" + Lockout.THRESHOLD + ";"));
  }

  @Test
  void aLockedUsernameTellsNothingAboutWhichEmailIsItsOwn() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      for (int i = 1; i <= Lockout.THRESHOLD; i++) {
        fx.http.signIn("c", Fixture.USER, "wrong-" + i, null);
      }
      assertLocked(fx.http.signIn("c", Fixture.USER, "wrong", null), 60);

      // The account's email and an unknown email now answer alike, attempt after attempt,
      // up to their own lockout.
      for (int i = 1; i <= Lockout.THRESHOLD + 1; i++) {
        UserEnumerationTest.Seen own =
            UserEnumerationTest.Seen.of(fx.http.signIn("c", Fixture.USER_EMAIL, "guess", null));
        UserEnumerationTest.Seen unknown =
            UserEnumerationTest.Seen.of(fx.http.signIn("c", "nobody@example.com", "guess", null));
        assertThat(own).as("attempt %d", i).isEqualTo(unknown);
        assertThat(own.status()).isEqualTo(i < Lockout.THRESHOLD ? 401 : 429);
      }
    }
  }

  @Test
  void aLockedAccountRefusesItsRightPasswordThroughAnotherLoginAsAWrongPassword() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      for (int i = 1; i <= Lockout.THRESHOLD; i++) {
        fx.http.signIn("c", Fixture.USER, "wrong-" + i, null);
      }
      long before = fx.server.passwordVerifications();

      UserEnumerationTest.Seen right =
          UserEnumerationTest.Seen.of(
              fx.http.signIn("c", Fixture.USER_EMAIL, Fixture.USER_PASSWORD, null));
      UserEnumerationTest.Seen unknown =
          UserEnumerationTest.Seen.of(fx.http.signIn("c", "nobody@example.com", "x", null));

      assertThat(right.status()).isEqualTo(401);
      assertThat(right).isEqualTo(unknown);
      assertThat(fx.server.passwordVerifications() - before).isEqualTo(2);
      assertLocked(fx.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null), 60);
      // Once the account's wait is over the right password works through either login.
      fx.clock.advance(Duration.ofSeconds(60));
      assertThat(fx.http.signIn("c", Fixture.USER_EMAIL, Fixture.USER_PASSWORD, null).status())
          .isEqualTo(201);
      assertThat(fx.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null).status())
          .isEqualTo(201);
    }
  }

  @Test
  void whenALockExpiresExactlyOneGuessIsJudgedAcrossTwoInstances() throws Exception {
    TestDatabase database = database(dataDir);
    try (Fixture a = Fixture.withAccounts(database);
        Fixture b = Fixture.on(database).clock(a.clock).start()) {
      for (int i = 1; i <= Lockout.THRESHOLD; i++) {
        (i % 2 == 0 ? a : b).http.signIn("c", Fixture.USER, "wrong-" + i, null);
      }
      a.clock.advance(Duration.ofSeconds(60));
      long verificationsBefore =
          a.server.passwordVerifications() + b.server.passwordVerifications();

      List<Http.Response> answers =
          parallel(16, i -> (i % 2 == 0 ? a : b).http.signIn("c", Fixture.USER, "g" + i, null));

      // The one guess judged failed, and its failure locked the account again for 2 minutes.
      assertThat(answers)
          .allSatisfy(
              r -> {
                assertThat(r.status()).isEqualTo(429);
                assertThat(r.errorCode()).isEqualTo(1031);
              });
      assertThat(StoreDump.of(database))
          .filteredOn(row -> row.startsWith("sign_in_failures:"))
          .hasSize(2)
          .allSatisfy(
              row -> assertThat(row).contains(";failures=" + (Lockout.THRESHOLD + 1) + ";"));
      assertThat(
              a.server.passwordVerifications()
                  + b.server.passwordVerifications()
                  - verificationsBefore)
          .isEqualTo(16);
      assertLocked(a.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null), 120);
    }
  }

  private static List<Http.Response> parallel(int n, IntFunction<Http.Response> call)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Http.Response>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.apply(index);
                }));
      }
      start.countDown();
      List<Http.Response> answers = new ArrayList<>();
      for (Future<Http.Response> f : futures) {
        answers.add(f.get(60, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertLocked(Http.Response response, long retryAfterSeconds) {
    assertThat(response.status()).isEqualTo(429);
    assertThat(response.errorCode()).isEqualTo(1031);
    assertThat(response.header("Retry-After")).contains(Long.toString(retryAfterSeconds));
  }
}
