package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.StoreDump;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unknown login and a wrong password look the same from outside: the same status, headers and
 * body, in JSON and XML, and the same work: exactly one Argon2id verification each, counted by the
 * hashing component rather than timed. The same holds once both are locked out.
 */
class UserEnumerationTest {

  @TempDir Path dataDir;

  /** What the refusal of an unknown login or a wrong password says. */
  String badCredentials() {
    return "1001";
  }

  /** What a client can compare between two answers (the Date header aside). */
  record Seen(int status, String contentType, String retryAfter, String body) {
    static Seen of(Http.Response response) {
      return new Seen(
          response.status(),
          response.contentType(),
          response.header("Retry-After").orElse(""),
          response.body());
    }
  }

  @Test
  void unknownLoginsAndWrongPasswordsGetTheSameAnswerForTheSameWork() {
    try (Fixture fx = Fixture.withAccounts(dataDir)) {
      Map<String, String[]> attempts = new LinkedHashMap<>();
      attempts.put("unknown username", new String[] {"nobody", "x"});
      attempts.put("unknown email", new String[] {"nobody@example.com", "x"});
      attempts.put("wrong password", new String[] {Fixture.USER, "x"});
      attempts.put("wrong password by email", new String[] {Fixture.USER_EMAIL, "x"});
      attempts.put("wrong password of an admin", new String[] {Fixture.ADMIN, "x"});
      attempts.put("wrong password of a 2FA account", new String[] {Fixture.TOTP_USER, "x"});
      attempts.put("a username differing in case only", new String[] {"ALICE", "x"});

      for (boolean json : List.of(true, false)) {
        Map<String, Seen> answers = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> attempt : attempts.entrySet()) {
          long before = fx.server.passwordVerifications();
          Http.Response response = signIn(fx, attempt.getValue()[0], attempt.getValue()[1], json);
          assertThat(fx.server.passwordVerifications() - before)
              .as("Argon2id verifications for %s", attempt.getKey())
              .isEqualTo(1);
          answers.put(attempt.getKey(), Seen.of(response));
        }
        Seen unknown = answers.get("unknown username");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).contains(badCredentials());
        assertThat(answers)
            .allSatisfy((name, seen) -> assertThat(seen).as(name).isEqualTo(unknown));
      }
    }
  }

  @Test
  void aLockedUnknownLoginAndALockedAccountAlsoLookTheSame() {
    try (Fixture fx = Fixture.withAccounts(dataDir)) {
      for (int i = 1; i <= 9; i++) {
        signIn(fx, "nobody", "x", true);
        signIn(fx, Fixture.USER, "x", true);
      }
      long before = fx.server.passwordVerifications();

      Seen unknown = Seen.of(signIn(fx, "nobody", "x", true));
      Seen known = Seen.of(signIn(fx, Fixture.USER, "x", true));
      Seen unknownAgain = Seen.of(signIn(fx, "nobody", "x", true));
      Seen knownRightPassword = Seen.of(signIn(fx, Fixture.USER, Fixture.USER_PASSWORD, true));

      assertThat(fx.server.passwordVerifications() - before).isEqualTo(4);
      assertThat(unknown.status()).isEqualTo(429);
      assertThat(unknown.retryAfter()).isEqualTo("60");
      assertThat(known).isEqualTo(unknown);
      assertThat(knownRightPassword).isEqualTo(unknownAgain);
      // Each login string is counted, and the account too; the unknown login under its login only.
      assertThat(StoreDump.of(dataDir))
          .filteredOn(row -> row.startsWith("sign_in_failures:"))
          .hasSize(3)
          .anyMatch(row -> row.contains("subject=login:nobody;failures=10;"))
          .anyMatch(row -> row.contains("subject=login:alice;failures=10;"))
          .anyMatch(row -> row.matches(".*subject=account:\\d+;failures=10;.*"));
    }
  }

  /** One attempt; {@link LegacyUserEnumerationTest} sends it to the older route instead. */
  Http.Response signIn(Fixture fx, String login, String password, boolean json) {
    String accept = json ? "application/json" : "application/xml";
    return fx.http.send(
        "POST",
        "/api/v2/users/signin",
        Http.form(Map.of("login", login, "password", password)),
        "Content-Type",
        "application/x-www-form-urlencoded",
        "Accept",
        accept,
        "X-Plex-Client-Identifier",
        "enumeration");
  }
}
