package dev.plexauth.server;

import java.util.Optional;

/**
 * The answer to adding an account: the account, and its TOTP secret when two-factor sign-in is on
 * (the only time the secret is shown).
 *
 * <pre>{@code
 * CreatedAccount bob = admin.addAccount(NewAccount.of("bob", "bob@example.com", "bob-test-Pa55").withTotp());
 * String secret = bob.totpSecret().orElseThrow(); // put it in an authenticator app
 * }</pre>
 *
 * @param account the account
 * @param totpSecret the base32 TOTP secret, if two-factor sign-in is on
 */
public record CreatedAccount(Account account, Optional<String> totpSecret) {

  @Override
  public String toString() {
    return "CreatedAccount[account="
        + account
        + ", totpSecret="
        + (totpSecret.isPresent() ? "***" : "none")
        + "]";
  }
}
