package dev.plexauth.server;

import java.util.Objects;

/**
 * An account to add. Start with {@link #of} and refine with {@link #asAdmin()} and {@link
 * #withTotp()}.
 *
 * <pre>{@code
 * CreatedAccount owner = server.addAccount(NewAccount.of("admin", "admin@example.com", "admin-test-Pa55").asAdmin());
 * CreatedAccount bob = server.addAccount(NewAccount.of("bob", "bob@example.com", "bob-test-Pa55").withTotp());
 * String code = Totp.code(bob.totpSecret().orElseThrow(), Instant.now());
 * }</pre>
 *
 * @param username the username: 1 to 64 characters (after NFKC), no {@code @}, no spaces, one
 *     script
 * @param email the email address (sign-in accepts either, ignoring case)
 * @param password the password (stored as an Argon2id hash only): at least 8 characters, not a
 *     common password
 * @param admin whether the account is an admin: its tokens may read source information
 * @param twoFactor whether sign-in needs a TOTP code
 * @param totpSecret the base32 TOTP secret to use; empty to generate one
 */
public record NewAccount(
    String username,
    String email,
    String password,
    boolean admin,
    boolean twoFactor,
    String totpSecret) {

  /** Checks that the required values are present. */
  public NewAccount {
    Objects.requireNonNull(username, "username == null");
    Objects.requireNonNull(email, "email == null");
    Objects.requireNonNull(password, "password == null");
    totpSecret = totpSecret == null ? "" : totpSecret;
  }

  /**
   * A regular (non-admin) account without two-factor sign-in.
   *
   * @param username the username
   * @param email the email address
   * @param password the password
   * @return the account to add
   */
  public static NewAccount of(String username, String email, String password) {
    return new NewAccount(username, email, password, false, false, "");
  }

  /**
   * The same account as an admin.
   *
   * @return a copy with {@code admin} set
   */
  public NewAccount asAdmin() {
    return new NewAccount(username, email, password, true, twoFactor, totpSecret);
  }

  /**
   * The same account with two-factor sign-in and a generated secret (returned by {@code
   * addAccount}).
   *
   * @return a copy with two-factor sign-in
   */
  public NewAccount withTotp() {
    return new NewAccount(username, email, password, admin, true, "");
  }

  /**
   * The same account with two-factor sign-in and a given secret.
   *
   * @param base32Secret the secret, base32, at least 16 characters
   * @return a copy with two-factor sign-in
   */
  public NewAccount withTotp(String base32Secret) {
    return new NewAccount(username, email, password, admin, true, base32Secret);
  }

  @Override
  public String toString() {
    return "NewAccount[username="
        + username
        + ", email="
        + email
        + ", password=***, admin="
        + admin
        + ", twoFactor="
        + twoFactor
        + "]";
  }
}
