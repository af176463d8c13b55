package dev.plexauth.server.store;

import java.util.Optional;

/**
 * One account as the store holds it.
 *
 * @param id the numeric account id
 * @param uuid 16 hex characters, public
 * @param username the username as it was given
 * @param email the email address as it was given
 * @param passwordHash the Argon2id PHC string
 * @param totpSecret the base32 TOTP secret, when two-factor sign-in is on
 * @param totpLastStep the last TOTP time step accepted, so a code is accepted only once
 * @param admin whether the account is the owner (admin)
 * @param friendlyName the full name, may be empty
 * @param country the two-letter country
 * @param locale the locale, if set
 * @param createdAtMillis when the account was created, epoch milliseconds
 */
public record AccountRow(
    long id,
    String uuid,
    String username,
    String email,
    String passwordHash,
    Optional<String> totpSecret,
    Optional<Long> totpLastStep,
    boolean admin,
    String friendlyName,
    String country,
    Optional<String> locale,
    long createdAtMillis) {

  @Override
  public String toString() {
    return "AccountRow[id=" + id + ", username=" + username + ", admin=" + admin + "]";
  }
}
