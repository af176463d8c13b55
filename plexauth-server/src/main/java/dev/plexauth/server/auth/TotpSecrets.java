package dev.plexauth.server.auth;

import java.nio.charset.StandardCharsets;

/** TOTP secrets as the database keeps them: sealed, with the account id as associated data. */
final class TotpSecrets {

  private TotpSecrets() {}

  /** Seals a base32 secret for an account. */
  static String seal(SecretBox box, long accountId, String base32Secret) {
    return box.seal(base32Secret.getBytes(StandardCharsets.US_ASCII), associated(accountId));
  }

  /**
   * The base32 secret of an account from its stored form: sealed, or plain text when it was stored
   * before secrets were sealed (or by an older instance) and the next start has not sealed it yet.
   *
   * @throws SecretBox.WrongKeyException when the key does not open it
   */
  static String open(SecretBox box, long accountId, String stored) {
    if (!SecretBox.isSealed(stored)) {
      return stored;
    }
    return new String(box.open(stored, associated(accountId)), StandardCharsets.US_ASCII);
  }

  private static byte[] associated(long accountId) {
    return SecretBox.associated("totp", accountId);
  }
}
