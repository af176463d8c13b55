package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.server.auth.Totp;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** POST /api/v2/users/signin on the wire: every success and error path. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInTest {

  Fixture fx;
  Http http;

  /** The database the suite runs on; {@link PostgresWireTest} overrides it. */
  TestDatabase database(Path dataDir) {
    return TestDatabase.sqlite(dataDir);
  }

  @BeforeAll
  void start(@TempDir Path dataDir) {
    fx = Fixture.withAccounts(database(dataDir));
    http = fx.http;
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  @Test
  void signInWithUsernameAnswers201WithTheUserAndAFreshToken() {
    Http.Response response = http.signIn("client-a", Fixture.USER, Fixture.USER_PASSWORD, null);

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.header("X-Plex-Protocol")).contains("1.0");
    JsonNode user = response.json();
    assertThat(user.path("username").asText()).isEqualTo(Fixture.USER);
    assertThat(user.path("email").asText()).isEqualTo(Fixture.USER_EMAIL);
    assertThat(user.path("id").isIntegralNumber()).isTrue();
    assertThat(user.path("uuid").asText()).matches("[0-9a-f]{16}");
    assertThat(user.path("authToken").asText()).matches("[A-Za-z0-9_-]{43}");
    assertThat(user.path("pastSubscriptions").isArray()).isTrue();
    assertThat(user.path("trials").isArray()).isTrue();
    assertThat(user.path("homeAdmin").asBoolean()).isFalse();
    assertThat(user.path("twoFactorEnabled").asBoolean()).isFalse();
  }

  @Test
  void signInWithEmailIgnoresCase() {
    Http.Response response =
        http.signIn("client-b", Fixture.ADMIN_EMAIL.toUpperCase(), Fixture.ADMIN_PASSWORD, null);

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.json().path("username").asText()).isEqualTo(Fixture.ADMIN);
    assertThat(response.json().path("homeAdmin").asBoolean()).isTrue();
  }

  @Test
  void signInAsPlexjsSendsItWithEmptyOptionalHeadersAndBasicAuthorization() {
    // plexjs 0.32.1 capture A4/B2: percent-encoded form, empty X-Plex-* headers, Authorization
    // ignored.
    String body =
        "login="
            + Http.encode(Fixture.ADMIN_EMAIL)
            + "&password="
            + Http.encode(Fixture.ADMIN_PASSWORD)
            + "&rememberMe=true";
    Http.Response response =
        http.send(
            "POST",
            "/api/v2/users/signin",
            body,
            "Content-Type",
            "application/x-www-form-urlencoded",
            "Accept",
            "application/json",
            "Authorization",
            "Basic Og==",
            "X-Plex-Client-Identifier",
            "cid-1",
            "X-Plex-Product",
            "",
            "X-Plex-Version",
            "",
            "X-Plex-Device",
            "",
            "X-Plex-Platform",
            "",
            "Cookie",
            "");

    assertThat(response.status()).isEqualTo(201);
    long remember = response.json().path("rememberExpiresAt").asLong();
    assertThat(remember)
        .isGreaterThan(fx.clock.instant().plus(Duration.ofDays(13)).getEpochSecond());
  }

  @Test
  void clientIdentifierMayComeFromTheQuery() {
    String body = Http.form(Map.of("login", Fixture.USER, "password", Fixture.USER_PASSWORD));
    Http.Response response =
        http.send(
            "POST",
            "/api/v2/users/signin?X-Plex-Client-Identifier=from-query",
            body,
            "Content-Type",
            "application/x-www-form-urlencoded",
            "Accept",
            "application/json",
            "X-Plex-Client-Identifier",
            "");

    assertThat(response.status()).isEqualTo(201);
  }

  @Test
  void missingClientIdentifierIs400With1000() {
    String body = Http.form(Map.of("login", Fixture.USER, "password", Fixture.USER_PASSWORD));
    Http.Response missing =
        http.send(
            "POST",
            "/api/v2/users/signin",
            body,
            "Content-Type",
            "application/x-www-form-urlencoded",
            "Accept",
            "application/json");
    Http.Response empty = http.signIn("", Fixture.USER, Fixture.USER_PASSWORD, null);

    for (Http.Response response : new Http.Response[] {missing, empty}) {
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.body())
          .isEqualTo(
              "{\"errors\":[{\"code\":1000,\"message\":\"X-Plex-Client-Identifier is missing\",\"status\":400}]}");
    }
  }

  @Test
  void missingLoginOrPasswordIs400WithAClearMessage() {
    Http.Response noPassword = http.signIn("c", Fixture.USER, "", null);
    Http.Response emptyBody =
        http.send(
            "POST",
            "/api/v2/users/signin",
            "",
            "Content-Type",
            "application/x-www-form-urlencoded",
            "Accept",
            "application/json",
            "X-Plex-Client-Identifier",
            "cid-1");

    for (Http.Response response : new Http.Response[] {noPassword, emptyBody}) {
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.json().path("errors").path(0).path("message").asText())
          .isEqualTo("login and password are required");
    }
  }

  @Test
  void unknownUserAndWrongPasswordGetTheSameAnswer() {
    Http.Response unknown = http.signIn("c-enum", "nobody-here", "whatever", null);
    Http.Response wrong = http.signIn("c-enum", Fixture.ADMIN, "wrong password", null);

    assertThat(unknown.status()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(unknown.body()).isEqualTo(wrong.body());
    assertThat(wrong.body())
        .isEqualTo(
            "{\"errors\":[{\"code\":1001,\"message\":\"User could not be authenticated\",\"status\":401}]}");
  }

  @Test
  void unknownUserAndWrongPasswordEachRunExactlyOneVerification() {
    long before = fx.server.passwordVerifications();
    http.signIn("c-count", "no-such-user", "whatever", null);
    long afterUnknown = fx.server.passwordVerifications();
    http.signIn("c-count", Fixture.USER, "not it", null);
    long afterWrong = fx.server.passwordVerifications();
    http.signIn("c-count", Fixture.USER, Fixture.USER_PASSWORD, null);

    assertThat(afterUnknown - before).isEqualTo(1);
    assertThat(afterWrong - afterUnknown).isEqualTo(1);
    assertThat(fx.server.passwordVerifications() - afterWrong).isEqualTo(1);
  }

  @Test
  void twoFactorAccountWithoutCodeIs401With1029() {
    Http.Response response = http.signIn("c-2fa", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, null);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo(1029);
  }

  @Test
  void twoFactorWrongCodeIs401With1028AndTheRightCodeWorksOnceOnly() {
    String code = Totp.code(fx.totpSecret(), fx.clock.instant());
    String wrong = code.equals("000000") ? "111111" : "000000";

    Http.Response bad = http.signIn("c-2fa", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, wrong);
    Http.Response garbage = http.signIn("c-2fa", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, "12ab");
    Http.Response good = http.signIn("c-2fa", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, code);
    Http.Response replay = http.signIn("c-2fa-2", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, code);
    String previousStep =
        Totp.code(fx.totpSecret(), fx.clock.instant().minus(Duration.ofSeconds(30)));
    Http.Response older =
        http.signIn("c-2fa-2", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, previousStep);

    assertThat(bad.status()).isEqualTo(401);
    assertThat(bad.errorCode()).isEqualTo(1028);
    assertThat(garbage.errorCode()).isEqualTo(1028);
    assertThat(good.status()).isEqualTo(201);
    assertThat(good.json().path("twoFactorEnabled").asBoolean()).isTrue();
    assertThat(replay.status()).isEqualTo(401);
    assertThat(replay.errorCode()).isEqualTo(1028);
    assertThat(older.errorCode()).isEqualTo(1028);

    // The next step's code is new, so it is accepted.
    fx.clock.advance(Duration.ofSeconds(30));
    String next = Totp.code(fx.totpSecret(), fx.clock.instant());
    assertThat(http.signIn("c-2fa", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, next).status())
        .isEqualTo(201);
  }

  @Test
  void repeatSignInFromTheSameClientReplacesItsToken() {
    String first = http.signInToken("same-device", Fixture.USER, Fixture.USER_PASSWORD, null);
    String other = http.signInToken("other-device", Fixture.USER, Fixture.USER_PASSWORD, null);
    String second = http.signInToken("same-device", Fixture.USER, Fixture.USER_PASSWORD, null);

    assertThat(second).isNotEqualTo(first);
    assertThat(http.getJson("/api/v2/user", "X-Plex-Token", first).status()).isEqualTo(401);
    assertThat(http.getJson("/api/v2/user", "X-Plex-Token", second).status()).isEqualTo(200);
    assertThat(http.getJson("/api/v2/user", "X-Plex-Token", other).status()).isEqualTo(200);
  }

  @Test
  void signInAnswersXmlWithoutAcceptJson() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("login", Fixture.USER);
    form.put("password", Fixture.USER_PASSWORD);
    Http.Response ok =
        http.send(
            "POST",
            "/api/v2/users/signin",
            Http.form(form),
            "Content-Type",
            "application/x-www-form-urlencoded",
            "X-Plex-Client-Identifier",
            "xml-client");
    Http.Response error =
        http.send(
            "POST",
            "/api/v2/users/signin",
            Http.form(Map.of("login", Fixture.USER, "password", "nope")),
            "Content-Type",
            "application/x-www-form-urlencoded",
            "X-Plex-Client-Identifier",
            "xml-client");

    assertThat(ok.status()).isEqualTo(201);
    assertThat(ok.contentType()).isEqualTo("text/xml;charset=utf-8");
    assertThat(ok.body())
        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><user ")
        .contains(
            "username=\"alice\"",
            "protected=\"0\"",
            "<subscription ",
            "<profile ",
            "<pastSubscriptions")
        .contains("authToken=\"");
    assertThat(error.status()).isEqualTo(401);
    assertThat(error.body())
        .isEqualTo(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><errors><error code=\"1001\""
                + " message=\"User could not be authenticated\" status=\"401\"/></errors>");
  }
}
