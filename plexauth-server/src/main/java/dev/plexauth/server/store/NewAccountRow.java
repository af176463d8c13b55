package dev.plexauth.server.store;

import java.util.Optional;

/**
 * An account to insert; the store assigns the id.
 *
 * @param uuid 16 hex characters
 * @param username the username
 * @param email the email address
 * @param passwordHash the Argon2id PHC string
 * @param totpSecret the base32 TOTP secret, if two-factor sign-in is on
 * @param admin whether the account is an admin (owner)
 * @param createdAtMillis creation time, epoch milliseconds
 */
public record NewAccountRow(
    String uuid,
    String username,
    String email,
    String passwordHash,
    Optional<String> totpSecret,
    boolean admin,
    long createdAtMillis) {

  @Override
  public String toString() {
    return "NewAccountRow[username=" + username + ", admin=" + admin + "]";
  }
}
