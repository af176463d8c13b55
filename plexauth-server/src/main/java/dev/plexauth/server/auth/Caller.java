package dev.plexauth.server.auth;

import dev.plexauth.server.store.AccountRow;
import dev.plexauth.server.store.TokenRow;
import java.time.Instant;
import java.util.Optional;

/**
 * Who made a request: the account behind the token presented, with its access level.
 *
 * @param token the token as presented (the user object echoes it as {@code authToken})
 * @param account the account
 * @param rootToken the account token presented, or the one a transient token descends from
 * @param admin whether the token carries admin access
 * @param transientExpiresAt when the presented transient token expires; empty for account tokens
 */
public record Caller(
    String token,
    AccountRow account,
    TokenRow rootToken,
    boolean admin,
    Optional<Instant> transientExpiresAt) {

  @Override
  public String toString() {
    return "Caller[account=" + account.id() + ", admin=" + admin + "]";
  }
}
