package dev.plexauth.server.auth;

import dev.plexauth.server.store.AccountRow;
import dev.plexauth.server.store.TokenRow;

/**
 * A successful sign-in.
 *
 * @param account the account
 * @param token the stored token row
 * @param authToken the new account token (shown once, stored only as a hash)
 */
public record SignedIn(AccountRow account, TokenRow token, String authToken) {

  @Override
  public String toString() {
    return "SignedIn[account=" + account.id() + "]";
  }
}
