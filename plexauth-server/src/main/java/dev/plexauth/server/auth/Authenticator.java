package dev.plexauth.server.auth;

import dev.plexauth.server.store.Store;
import dev.plexauth.server.store.TokenWithAccount;
import java.util.Optional;

/**
 * Resolves a presented token to a {@link Principal}, and mints transient tokens for principals.
 *
 * <p>Account tokens are looked up by their SHA-256 in the store on every request, with their
 * account in the same query. A transient token is valid only while its root account token still is,
 * so replacing or deleting an account token (in this process or another one on the same database)
 * also kills its transient descendants.
 */
public final class Authenticator {

  private final Store store;
  private final TransientTokens transients;

  /**
   * Creates the authenticator.
   *
   * @param store where account tokens live
   * @param transients where transient tokens live
   */
  public Authenticator(Store store, TransientTokens transients) {
    this.store = store;
    this.transients = transients;
  }

  /**
   * Finds the principal behind a token.
   *
   * @param token the {@code X-Plex-Token} value, possibly empty
   * @return the principal, or empty when the token is missing, unknown, expired or revoked
   * @throws StoreUnavailable when the database cannot be read
   */
  public Optional<Principal> authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > Tokens.MAX_LENGTH) {
      return Optional.empty();
    }
    if (Tokens.isTransient(token)) {
      Optional<TransientTokens.Grant> grant = transients.find(token);
      if (grant.isEmpty()) {
        return Optional.empty();
      }
      String rootHash = grant.get().rootTokenHash();
      Optional<TokenWithAccount> root =
          StoreUnavailable.guard(() -> store.findAccountTokenWithAccount(rootHash));
      if (root.isEmpty()) {
        transients.revokeDescendantsOf(rootHash);
        return Optional.empty();
      }
      return Optional.of(
          new Principal(
              token,
              root.get().account(),
              root.get().token(),
              grant.get().admin(),
              grant.get().expiresAt()));
    }
    return StoreUnavailable.guard(() -> store.findAccountTokenWithAccount(Tokens.sha256Hex(token)))
        .map(found -> new Principal(token, found.account(), found.token()));
  }

  /**
   * Mints a transient token with the principal's account and access level, descending from the same
   * account token, expiring in 48 hours or with the principal's own transient token if sooner.
   *
   * @param principal the principal
   * @return the new transient token
   */
  public String mintTransient(Principal principal) {
    return principal
        .transientExpiresAt()
        .map(
            notAfter ->
                transients.mint(
                    principal.accountId(), principal.admin(), principal.rootTokenHash(), notAfter))
        .orElseGet(
            () ->
                transients.mint(
                    principal.accountId(), principal.admin(), principal.rootTokenHash()));
  }
}
