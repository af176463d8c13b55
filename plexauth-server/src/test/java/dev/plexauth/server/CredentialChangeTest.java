package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plexauth.server.auth.Totp;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password change, a TOTP reset and turning TOTP off each end every token of the account, on
 * every instance on the database, within the second a server may reuse a token's lookup, transient
 * tokens with them. Two servers share the database; the change comes from the administration, as
 * the CLI makes it.
 */
class CredentialChangeTest {

  private static final String NEW_PASSWORD = "a-brand-new-Pa55word";

  @TempDir Path dataDir;

  /** The database each test runs on; {@link PostgresWireTest} overrides it. */
  TestDatabase database(Path dataDir) {
    return TestDatabase.sqlite(dataDir);
  }

  /** The tokens of one account on two instances: account tokens and transient ones. */
  private record Sessions(List<String> accountTokens, List<String> transientTokens) {
    static Sessions of(Fixture a, Fixture b, String login, String password, String code) {
      String onA = a.http.signInToken("laptop", login, password, code);
      if (code != null) {
        a.clock.advance(Totp.STEP); // a code is accepted once
        code = a.totpCode();
      }
      String onB = b.http.signInToken("phone", login, password, code);
      return new Sessions(
          List.of(onA, onB), List.of(a.http.transientToken(onA), b.http.transientToken(onB)));
    }

    void assertAll(Fixture a, Fixture b, int status) {
      for (Fixture instance : List.of(a, b)) {
        for (String token : accountTokens) {
          assertThat(instance.http.getJson("/api/v2/user", "X-Plex-Token", token).status())
              .isEqualTo(status);
        }
      }
      assertThat(pms(a, transientTokens.get(0))).isEqualTo(status);
      assertThat(pms(b, transientTokens.get(1))).isEqualTo(status);
    }
  }

  @Test
  void aNewPasswordEndsEveryTokenOfTheAccountOnEveryInstance() {
    TestDatabase database = database(dataDir);
    try (Fixture a = Fixture.withAccounts(database);
        Fixture b = Fixture.on(database).clock(a.clock).start()) {
      Sessions alice = Sessions.of(a, b, Fixture.USER, Fixture.USER_PASSWORD, null);
      String admin = a.http.signInToken("c", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null);
      alice.assertAll(a, b, 200);

      try (PlexAuthAdmin accounts = database.openAdmin()) {
        assertThatThrownBy(() -> accounts.changePassword(Fixture.USER, "short"))
            .hasMessageContaining("at least 8 characters");
        alice.assertAll(a, b, 200);
        assertThat(accounts.changePassword(Fixture.USER_EMAIL, NEW_PASSWORD)).isTrue();
        assertThat(accounts.changePassword("nobody", NEW_PASSWORD)).isFalse();
      }

      Fixture.waitOutRecentLookups();

      alice.assertAll(a, b, 401);
      assertThat(b.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null).status())
          .isEqualTo(401);
      assertThat(b.http.signIn("c", Fixture.USER, NEW_PASSWORD, null).status()).isEqualTo(201);
      // Other accounts keep their tokens.
      assertThat(a.http.getJson("/api/v2/user", "X-Plex-Token", admin).status()).isEqualTo(200);
    }
  }

  @Test
  void aTotpResetEndsEveryTokenAndOnlyTheNewSecretsCodesWork() {
    TestDatabase database = database(dataDir);
    try (Fixture a = Fixture.withAccounts(database);
        Fixture b = Fixture.on(database).clock(a.clock).start()) {
      String oldSecret = a.totpSecret();
      Sessions bob = Sessions.of(a, b, Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, a.totpCode());

      String newSecret;
      try (PlexAuthAdmin accounts = database.openAdmin()) {
        newSecret = accounts.resetTotp(Fixture.TOTP_USER).orElseThrow();
        assertThat(accounts.resetTotp("nobody")).isEmpty();
      }

      assertThat(newSecret).matches("[A-Z2-7]{32}").isNotEqualTo(oldSecret);
      Fixture.waitOutRecentLookups();
      bob.assertAll(a, b, 401);
      a.clock.advance(Totp.STEP);
      String oldCode = Totp.code(oldSecret, a.clock);
      String newCode = Totp.code(newSecret, a.clock);
      assertThat(b.http.signIn("c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, oldCode).errorCode())
          .isEqualTo(1028);
      assertThat(b.http.signIn("c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, newCode).status())
          .isEqualTo(201);
    }
  }

  @Test
  void aTotpResetTurnsTwoFactorOnAndTurningItOffEndsTokensToo() {
    TestDatabase database = database(dataDir);
    try (Fixture a = Fixture.withAccounts(database);
        Fixture b = Fixture.on(database).clock(a.clock).start()) {
      Sessions bob = Sessions.of(a, b, Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, a.totpCode());

      try (PlexAuthAdmin accounts = database.openAdmin()) {
        assertThat(accounts.turnOffTotp(Fixture.TOTP_USER)).isTrue();
        assertThat(accounts.turnOffTotp("nobody")).isFalse();
      }

      Fixture.waitOutRecentLookups();

      bob.assertAll(a, b, 401);
      Http.Response withoutCode =
          a.http.signIn("c", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, null);
      assertThat(withoutCode.status()).isEqualTo(201);
      assertThat(withoutCode.json().path("twoFactorEnabled").asBoolean()).isFalse();

      // The user without 2FA gets it by a reset: a code is needed from now on.
      Sessions alice = Sessions.of(a, b, Fixture.USER, Fixture.USER_PASSWORD, null);
      String secret = a.server.resetTotp(Fixture.USER).orElseThrow();
      Fixture.waitOutRecentLookups();
      alice.assertAll(a, b, 401);
      assertThat(b.http.signIn("c", Fixture.USER, Fixture.USER_PASSWORD, null).errorCode())
          .isEqualTo(1029);
      a.clock.advance(Duration.ofSeconds(30));
      assertThat(
              b.http
                  .signIn("c", Fixture.USER, Fixture.USER_PASSWORD, Totp.code(secret, a.clock))
                  .status())
          .isEqualTo(201);
    }
  }

  private static int pms(Fixture fx, String token) {
    return fx.http
        .getJson("/security/token?type=delegation&scope=all", "X-Plex-Token", token)
        .status();
  }
}
