package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plexauth.server.auth.PasswordHasher;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passwords: at least 8 characters after NFC, not on the shipped list of common passwords, compared
 * in NFC. Usernames: NFKC, one script, no look-alike of an existing one.
 */
class CredentialRulesTest {

  /** "Café-latte-42" with the é composed (NFC) and as e + combining acute (NFD). */
  private static final String COMPOSED = "Caf\u00e9-latte-42";

  private static final String DECOMPOSED = "Cafe\u0301-latte-42";

  @TempDir Path dataDir;

  @Test
  void passwordsShorterThanEightCharactersOrCommonAreRefused() {
    try (Fixture fx = Fixture.empty(dataDir)) {
      assertRefused(fx, "ann", "s3cr3t!", "at least 8 characters");
      // Eight characters counted after NFC: seven letters and a decomposed é are 8, not 9.
      assertRefused(fx, "ann", "abcdef" + "e\u0301", "at least 8 characters");
      assertRefused(fx, "ann", "baseball", "common passwords");
      assertRefused(fx, "ann", "Password1", "common passwords");
      assertRefused(fx, "ann", "P@SSW0RD", "common passwords");
      assertThat(fx.server.listAccounts()).isEmpty();

      fx.server.addAccount(NewAccount.of("ann", "ann@example.com", "abcdefg" + "e\u0301"));
      assertThat(fx.http.signIn("c", "ann", "abcdefg\u00e9", null).status()).isEqualTo(201);
    }
  }

  @Test
  void aPasswordIsComparedInItsNfcFormWhicheverFormWasTyped() {
    try (Fixture fx = Fixture.empty(dataDir)) {
      fx.server.addAccount(NewAccount.of("nfd", "nfd@example.com", DECOMPOSED));
      fx.server.addAccount(NewAccount.of("nfc", "nfc@example.com", COMPOSED));

      for (String login : new String[] {"nfd", "nfc"}) {
        assertThat(fx.http.signIn("c", login, COMPOSED, null).status()).as(login).isEqualTo(201);
        assertThat(fx.http.signIn("c", login, DECOMPOSED, null).status()).as(login).isEqualTo(201);
        assertThat(fx.http.signIn("c", login, "Cafe-latte-42", null).status()).isEqualTo(401);
      }
    }
  }

  @Test
  void aHashMadeBeforeNormalisationOfAnNfcPasswordStillSignsIn() throws Exception {
    try (Fixture fx = Fixture.empty(dataDir)) {
      fx.server.addAccount(NewAccount.of("old", "old@example.com", "placeholder-Pa55"));
      // The hash the server stored before passwords were normalised: of the password as typed.
      String oldHash = new PasswordHasher().hash(COMPOSED);
      try (Connection db = fx.database.connect();
          PreparedStatement update =
              db.prepareStatement("UPDATE accounts SET password_hash = ? WHERE username = 'old'")) {
        update.setString(1, oldHash);
        assertThat(update.executeUpdate()).isEqualTo(1);
      }

      assertThat(fx.http.signIn("c", "old", COMPOSED, null).status()).isEqualTo(201);
      assertThat(fx.http.signIn("c", "old", DECOMPOSED, null).status()).isEqualTo(201);
    }
  }

  @Test
  void theOwnersPasswordFromTheEnvironmentFollowsTheSameRule() {
    for (String weak : new String[] {"short", "iloveyou1"}) {
      PlexAuthServer server =
          PlexAuthServer.builder()
              .dataDir(dataDir)
              .port(0)
              .environment(Map.of("PLEXAUTH_ADMIN_PASSWORD", weak))
              .build();
      assertThatThrownBy(server::start)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("cannot create the owner account from PLEXAUTH_ADMIN_*: ")
          .hasMessageContaining("password")
          .hasMessageNotContaining(weak);
    }
  }

  @Test
  void usernamesAreNfkcNormalisedAndFoundByAnyFormThatNormalisesToThem() {
    try (Fixture fx = Fixture.empty(dataDir)) {
      CreatedAccount wide =
          fx.server.addAccount(
              NewAccount.of("\uff57\uff49\uff44\uff45\uff12", "wide@example.com", "wide-Pa55word"));

      assertThat(wide.account().username()).isEqualTo("wide2");
      assertThat(fx.http.signIn("c", "WIDE2", "wide-Pa55word", null).status()).isEqualTo(201);
      Http.Response fullWidth =
          fx.http.signIn("c", "\uff57\uff49\uff44\uff45\uff12", "wide-Pa55word", null);
      assertThat(fullWidth.status()).isEqualTo(201);
      assertThat(fullWidth.json().path("username").asText()).isEqualTo("wide2");
      assertThatThrownBy(
              () -> fx.server.addAccount(NewAccount.of("wide2", "w2@example.com", "wide-Pa55word")))
          .isInstanceOf(AlreadyExistsException.class);
    }
  }

  @Test
  void usernamesThatMixScriptsOrLookLikeAnotherAreRefused() {
    try (Fixture fx = Fixture.empty(dataDir)) {
      fx.server.addAccount(NewAccount.of("admin", "admin@example.com", "admin-Pa55word"));
      fx.server.addAccount(NewAccount.of("ace", "ace@example.com", "ace-Pa55word"));
      fx.server.addAccount(NewAccount.of("lola", "lola@example.com", "lola-Pa55word"));

      // A Cyrillic а (U+0430) beside Latin letters.
      assertUsernameRefused(fx, "\u0430dmin", "mixes scripts");
      // All Cyrillic, but it reads "ace".
      assertUsernameRefused(fx, "\u0430\u0441\u0435", "looks like the existing username 'ace'");
      assertUsernameRefused(fx, "adrnin", "looks like the existing username 'admin'");
      assertUsernameRefused(fx, "Iola", "looks like the existing username 'lola'");
      assertUsernameRefused(fx, "1ola", "looks like the existing username 'lola'");
      assertUsernameRefused(fx, "l0la", "looks like the existing username 'lola'");
      // Invisible characters: zero-width joiner, right-to-left override.
      assertUsernameRefused(fx, "ad\u200dmin", "control, format, invisible");
      assertUsernameRefused(fx, "\u202eadmin", "control, format, invisible");
      assertThat(fx.server.listAccounts()).hasSize(3);

      // One script, or a mix a language needs, is fine.
      fx.server.addAccount(
          NewAccount.of("\u043f\u0451\u0442\u0440", "p@example.com", "petr-Pa55word"));
      fx.server.addAccount(
          NewAccount.of("\u5c71\u7530\u30bf\u30ed\u30a6", "y@example.com", "yamada-Pa55word"));
      fx.server.addAccount(
          NewAccount.of("\u03bd\u03af\u03ba\u03bf\u03c2", "n@example.com", "nikos-Pa55word"));
      assertThat(fx.server.listAccounts()).hasSize(6);
    }
  }

  private static void assertRefused(Fixture fx, String username, String password, String why) {
    assertThatThrownBy(
            () ->
                fx.server.addAccount(NewAccount.of(username, username + "@example.com", password)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(why)
        .hasMessageNotContaining(password);
  }

  private static void assertUsernameRefused(Fixture fx, String username, String why) {
    assertThatThrownBy(
            () ->
                fx.server.addAccount(
                    NewAccount.of(
                        username, "x" + username.hashCode() + "@example.com", "x-Pa55word!")))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining(why);
  }
}
