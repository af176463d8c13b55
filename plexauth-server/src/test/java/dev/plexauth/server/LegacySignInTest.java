package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.server.auth.Totp;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.MutableClock;
import dev.plexauth.server.support.StoreDump;
import dev.plexauth.server.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The older sign-in, {@code POST /users/sign_in.json} and {@code .xml}, with HTTP Basic
 * credentials: its answers, the two-factor code at the end of the password, its refusals, and that
 * it is the same sign-in as {@code /api/v2/users/signin} (one token per client, one lockout, one
 * per-address limit). {@link LegacyLockoutTest} and {@link LegacyUserEnumerationTest} run the
 * lockout and enumeration tests on it.
 */
class LegacySignInTest {

  static final String BAD_CREDENTIALS = "Invalid email, username, or password.";

  @TempDir Path dataDir;

  /** The database each test runs on; {@link PostgresWireTest} overrides it. */
  TestDatabase database(Path dataDir) {
    return TestDatabase.sqlite(dataDir);
  }

  /**
   * An answer of the older route as the newer route would have given it, for the tests written
   * against the newer route's codes: 401 and 429 messages become their Plex error codes; any other
   * message fails the test.
   */
  static Http.Response asPlexError(Http.Response legacy) {
    if (legacy.status() == 201) {
      return legacy;
    }
    String message = legacy.json().path("error").asText();
    int code =
        switch (legacy.status() + " " + message) {
          case "401 " + BAD_CREDENTIALS -> 1001;
          case "401 Please enter the verification code" -> 1029;
          case "401 Invalid verification code" -> 1028;
          case "429 Too many sign-in attempts from this address" -> 1003;
          default -> {
            if (legacy.status() == 429 && message.contains("trouble signing in")) {
              yield 1031;
            }
            throw new AssertionError("unexpected answer " + legacy.status() + " " + legacy.body());
          }
        };
    String body =
        "{\"errors\":[{\"code\":"
            + code
            + ",\"message\":\"\",\"status\":"
            + legacy.status()
            + "}]}";
    return new Http.Response(legacy.status(), legacy.headers(), body);
  }

  @Test
  void signInAnswersTheOlderUserObjectWithTheTokenUnderBothNames() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      Http.Response response = fx.http.legacySignIn("legacy", Fixture.USER, Fixture.USER_PASSWORD);

      assertThat(response.status()).isEqualTo(201);
      assertThat(response.contentType()).startsWith("application/json");
      JsonNode user = response.json().path("user");
      String token = user.path("authToken").asText();
      assertThat(token).matches("[A-Za-z0-9_-]{43}");
      assertThat(user.path("authentication_token").asText()).isEqualTo(token);
      assertThat(user.path("id").asLong()).isEqualTo(fx.user.account().id());
      assertThat(user.path("uuid").asText()).isEqualTo(fx.user.account().uuid());
      assertThat(user.path("username").asText()).isEqualTo(Fixture.USER);
      assertThat(user.path("email").asText()).isEqualTo(Fixture.USER_EMAIL);
      assertThat(user.path("joined_at").asText())
          .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
      assertThat(user.path("subscription").path("active").asBoolean()).isFalse();
      assertThat(user.path("subscription").path("status").asText()).isEqualTo("Inactive");
      assertThat(user.path("roles").path("roles").isArray()).isTrue();
      assertThat(user.path("entitlements").isArray()).isTrue();
      assertThat(user.path("twoFactorEnabled").asBoolean()).isFalse();
      Http.Response details = fx.http.getJson("/api/v2/user", "X-Plex-Token", token);
      assertThat(details.status()).isEqualTo(200);
      assertThat(details.json().path("username").asText()).isEqualTo(Fixture.USER);
    }
  }

  @Test
  void theXmlRouteAnswersXmlWithAuthenticationToken() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      Http.Response response =
          fx.http.send(
              "POST",
              "/users/sign_in.xml",
              null,
              "Authorization",
              Http.basic(Fixture.USER_EMAIL, Fixture.USER_PASSWORD),
              "Accept",
              "application/json",
              "X-Plex-Client-Identifier",
              "legacy-xml");

      assertThat(response.status()).isEqualTo(201);
      assertThat(response.contentType()).isEqualTo("text/xml;charset=utf-8");
      assertThat(response.body())
          .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><user id=\"")
          .containsPattern(" authenticationToken=\"[A-Za-z0-9_-]{43}\"")
          .containsPattern(" authToken=\"[A-Za-z0-9_-]{43}\"")
          .containsPattern(" joinedAt=\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\"")
          .contains(" username=\"alice\"", " hasPassword=\"1\"")
          .contains("<subscription active=\"0\" status=\"Inactive\"><features/></subscription>")
          .contains("<roles/>", "<entitlements/>")
          .doesNotContain("authentication_token", "joined_at");
    }
  }

  @Test
  void aTwoFactorCodeComesAtTheEndOfThePassword() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      String code = fx.totpCode();

      Http.Response missing =
          fx.http.legacySignIn("legacy-2fa", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD);
      Http.Response wrong =
          fx.http.legacySignIn(
              "legacy-2fa", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD + fx.wrongTotpCode());
      Http.Response right =
          fx.http.legacySignIn("legacy-2fa", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD + code);
      Http.Response replayed =
          fx.http.legacySignIn("legacy-2fa", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD + code);
      Http.Response wrongPasswordRightCode =
          fx.http.legacySignIn("legacy-2fa", Fixture.TOTP_USER, "not-the-password" + code);

      assertThat(missing.status()).isEqualTo(401);
      assertThat(missing.json().path("error").asText())
          .isEqualTo("Please enter the verification code");
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.json().path("error").asText()).isEqualTo("Invalid verification code");
      assertThat(right.status()).isEqualTo(201);
      assertThat(right.json().path("user").path("twoFactorEnabled").asBoolean()).isTrue();
      assertThat(replayed.json().path("error").asText()).isEqualTo("Invalid verification code");
      assertThat(wrongPasswordRightCode.json().path("error").asText()).isEqualTo(BAD_CREDENTIALS);
    }
  }

  @Test
  void digitsAtTheEndOfThePasswordOfAnAccountWithoutTwoFactorAreThePassword() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      fx.server.addAccount(NewAccount.of("digits", "digits@example.com", "pass123456"));

      Http.Response digits = fx.http.legacySignIn("legacy-digits", "digits", "pass123456");
      Http.Response appended =
          fx.http.legacySignIn("legacy-digits", Fixture.USER, Fixture.USER_PASSWORD + "123456");

      assertThat(digits.status()).isEqualTo(201);
      assertThat(appended.status()).isEqualTo(401);
      assertThat(appended.json().path("error").asText()).isEqualTo(BAD_CREDENTIALS);
    }
  }

  @Test
  void bothSignInRoutesKeepOneTokenPerAccountAndClient() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      String older =
          fx.http
              .legacySignIn("shared-client", Fixture.USER, Fixture.USER_PASSWORD)
              .json()
              .path("user")
              .path("authToken")
              .asText();
      String newer =
          fx.http.signInToken("shared-client", Fixture.USER, Fixture.USER_PASSWORD, null);

      assertThat(status(fx, older)).isEqualTo(401);
      assertThat(status(fx, newer)).isEqualTo(200);
      assertThat(fx.deviceTokens(Fixture.USER)).isEqualTo(1);

      String again =
          fx.http
              .legacySignIn("shared-client", Fixture.USER, Fixture.USER_PASSWORD)
              .json()
              .path("user")
              .path("authToken")
              .asText();
      assertThat(status(fx, newer)).isEqualTo(401);
      assertThat(status(fx, again)).isEqualTo(200);
      assertThat(fx.deviceTokens(Fixture.USER)).isEqualTo(1);
    }
  }

  private static int status(Fixture fx, String token) {
    return fx.http.getJson("/api/v2/user", "X-Plex-Token", token).status();
  }

  @Test
  void malformedRequestsAre400CostNoHashAndChangeNothing() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      String good = Http.basic(Fixture.USER, Fixture.USER_PASSWORD);
      String invalidUtf8 =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(new byte[] {'a', 'l', 'i', (byte) 0xC3, ':', 'x'});
      Map<String, String[]> cases = new LinkedHashMap<>();
      cases.put("no client identifier", new String[] {"Authorization", good});
      cases.put("no credentials", new String[] {"X-Plex-Client-Identifier", "c"});
      cases.put(
          "a bearer token",
          new String[] {"X-Plex-Client-Identifier", "c", "Authorization", "Bearer abc"});
      cases.put(
          "not base64",
          new String[] {"X-Plex-Client-Identifier", "c", "Authorization", "Basic @@@"});
      cases.put(
          "no colon",
          new String[] {
            "X-Plex-Client-Identifier",
            "c",
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString("alice".getBytes(StandardCharsets.UTF_8))
          });
      cases.put(
          "invalid UTF-8",
          new String[] {"X-Plex-Client-Identifier", "c", "Authorization", invalidUtf8});
      cases.put(
          "an empty password",
          new String[] {"X-Plex-Client-Identifier", "c", "Authorization", Http.basic("alice", "")});
      cases.put(
          "an empty login",
          new String[] {"X-Plex-Client-Identifier", "c", "Authorization", Http.basic("", "x")});
      cases.put(
          "a control character in the login",
          new String[] {
            "X-Plex-Client-Identifier", "c", "Authorization", Http.basic("ali\u0001ce", "x")
          });
      cases.put(
          "a login too long",
          new String[] {
            "X-Plex-Client-Identifier", "c", "Authorization", Http.basic("a".repeat(257), "x")
          });
      cases.put(
          "a password too long",
          new String[] {
            "X-Plex-Client-Identifier", "c", "Authorization", Http.basic("alice", "x".repeat(1025))
          });
      cases.put(
          "two Authorization headers",
          new String[] {
            "X-Plex-Client-Identifier", "c", "Authorization", good, "Authorization", good
          });
      List<String> before = StoreDump.of(fx.database);
      long hashes = fx.server.passwordVerifications();

      for (Map.Entry<String, String[]> c : cases.entrySet()) {
        Http.Response response = fx.http.send("POST", "/users/sign_in.json", null, c.getValue());
        assertThat(response.status()).as(c.getKey()).isEqualTo(400);
        assertThat(response.contentType()).as(c.getKey()).startsWith("application/json");
        assertThat(response.json().path("error").asText()).as(c.getKey()).isNotBlank();
      }

      assertThat(fx.server.passwordVerifications()).isEqualTo(hashes);
      assertThat(StoreDump.of(fx.database)).isEqualTo(before);
      assertThat(fx.http.getJson("/users/sign_in.json").status()).isEqualTo(405);
    }
  }

  @Test
  void errorsOfTheXmlRouteAreXml() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      Http.Response response =
          fx.http.send(
              "POST",
              "/users/sign_in.xml",
              null,
              "Authorization",
              Http.basic(Fixture.USER, "wrong"),
              "X-Plex-Client-Identifier",
              "c");

      assertThat(response.status()).isEqualTo(401);
      assertThat(response.body())
          .isEqualTo(
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><errors><error>"
                  + BAD_CREDENTIALS
                  + "</error></errors>");
    }
  }

  @Test
  void failuresOnBothRoutesAddUpToOneLockout() {
    try (Fixture fx = Fixture.withAccounts(database(dataDir))) {
      for (int i = 1; i <= 9; i++) {
        Http.Response response =
            i % 2 == 0
                ? fx.http.signIn("c", Fixture.USER, "wrong-" + i, null)
                : fx.http.legacySignIn("c", Fixture.USER, "wrong-" + i);
        assertThat(response.status()).as("failure %d", i).isEqualTo(401);
      }

      Http.Response tenth = fx.http.legacySignIn("c", Fixture.USER, "wrong-10");
      Http.Response newerWithTheRightPassword =
          fx.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null);

      assertThat(tenth.status()).isEqualTo(429);
      assertThat(tenth.header("Retry-After")).contains("60");
      assertThat(newerWithTheRightPassword.status()).isEqualTo(429);
      assertThat(newerWithTheRightPassword.errorCode()).isEqualTo(1031);
      fx.clock.advance(Duration.ofSeconds(60));
      assertThat(fx.http.legacySignIn("c", Fixture.USER, Fixture.USER_PASSWORD).status())
          .isEqualTo(201);
    }
  }

  @Test
  void bothRoutesDrawOnOnePerAddressLimit() {
    try (Fixture fx = Fixture.start(database(dataDir), new MutableClock(), 4)) {
      fx.addStandardData();
      for (int i = 0; i < 2; i++) {
        assertThat(fx.http.signIn("c", "nobody", "x", null).status()).isEqualTo(401);
        assertThat(fx.http.legacySignIn("c", "nobody", "x").status()).isEqualTo(401);
      }
      long hashes = fx.server.passwordVerifications();

      Http.Response older = fx.http.legacySignIn("c", Fixture.USER, Fixture.USER_PASSWORD);
      Http.Response newer = fx.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null);

      assertThat(older.status()).isEqualTo(429);
      assertThat(older.json().path("error").asText())
          .isEqualTo("Too many sign-in attempts from this address");
      assertThat(older.header("Retry-After")).contains("15");
      assertThat(newer.status()).isEqualTo(429);
      assertThat(newer.errorCode()).isEqualTo(1003);
      assertThat(fx.server.passwordVerifications()).isEqualTo(hashes);
    }
  }

  @Test
  void theCodeGoesWithTheTwoFactorAccountOnlyAndIsUsedOnce(@TempDir Path other) {
    try (Fixture fx = Fixture.withAccounts(database(other))) {
      fx.clock.advance(Duration.ofMinutes(7));
      String code = Totp.code(fx.totpSecret(), fx.clock.instant());

      Http.Response newer = fx.http.signIn("c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, code);
      Http.Response olderSameCode =
          fx.http.legacySignIn("c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD + code);

      assertThat(newer.status()).isEqualTo(201);
      assertThat(olderSameCode.status()).isEqualTo(401);
      assertThat(olderSameCode.json().path("error").asText())
          .isEqualTo("Invalid verification code");
    }
  }
}
