package dev.plexauth.server.auth;

import dev.plexauth.server.store.ResourceTokenWithAccount;
import dev.plexauth.server.store.Store;
import dev.plexauth.server.store.TokenWithAccount;
import java.time.Instant;
import java.util.Optional;

/**
 * Resolves a presented token to a {@link Principal}, and mints transient tokens for principals.
 *
 * <p>Account tokens are looked up by their SHA-256 in the store on every request, with their
 * account in the same query; so are resource tokens, with the account token they derive from. A
 * transient token is valid only while its root (an account or resource token) still is, so
 * replacing or deleting an account token (in this process or another one on the same database) also
 * kills its resource tokens and every transient descendant.
 *
 * <p>Which tokens a route accepts depends on its role: {@link #authenticatePms} (the PMS routes)
 * takes all three kinds; {@link #authenticate} ({@code GET /api/v2/user}) takes account tokens and
 * the transient tokens made from them; {@link #authenticateAccount} (the other plex.tv routes:
 * resources, devices, ping, sign-out) takes account tokens only, so a token handed to a server can
 * never list, end or extend the account's devices.
 */
public final class Authenticator {

  private final Store store;
  private final TransientTokens transients;

  /**
   * Creates the authenticator.
   *
   * @param store where account and resource tokens live
   * @param transients where transient tokens live
   */
  public Authenticator(Store store, TransientTokens transients) {
    this.store = store;
    this.transients = transients;
  }

  /**
   * Finds the principal behind an account token or a transient token made from one.
   *
   * @param token the {@code X-Plex-Token} value, possibly empty
   * @return the principal, or empty when the token is missing, unknown, expired, revoked or of
   *     another kind
   * @throws StoreUnavailable when the database cannot be read
   */
  public Optional<Principal> authenticate(String token) {
    return resolve(token, true, false);
  }

  /**
   * Finds the principal behind any token the PMS role accepts: an account token, a resource token,
   * or a transient token made from either.
   *
   * @param token the {@code X-Plex-Token} value, possibly empty
   * @return the principal, or empty when the token is missing, unknown, expired or revoked
   * @throws StoreUnavailable when the database cannot be read
   */
  public Optional<Principal> authenticatePms(String token) {
    return resolve(token, true, true);
  }

  /**
   * Finds the principal behind an account token; any other kind of token is refused.
   *
   * @param token the {@code X-Plex-Token} value, possibly empty
   * @return the principal, or empty when the token is not a current account token
   * @throws StoreUnavailable when the database cannot be read
   */
  public Optional<Principal> authenticateAccount(String token) {
    return resolve(token, false, false);
  }

  private Optional<Principal> resolve(String token, boolean transientOk, boolean resourceOk) {
    if (token == null || token.isEmpty() || token.length() > Tokens.MAX_LENGTH) {
      return Optional.empty();
    }
    if (Tokens.isTransient(token)) {
      return transientOk ? transientPrincipal(token, resourceOk) : Optional.empty();
    }
    if (Tokens.isResource(token)) {
      return resourceOk ? resourcePrincipal(token) : Optional.empty();
    }
    return StoreUnavailable.guard(() -> store.findAccountTokenWithAccount(Tokens.sha256Hex(token)))
        .map(found -> Principal.ofAccountToken(token, found.account(), found.token()));
  }

  private Optional<Principal> transientPrincipal(String token, boolean resourceOk) {
    Optional<TransientTokens.Grant> found = transients.find(token);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    TransientTokens.Grant grant = found.get();
    String rootHash = grant.rootTokenHash();
    if (grant.resource() != null) {
      if (!resourceOk) {
        return Optional.empty();
      }
      Optional<ResourceTokenWithAccount> root =
          StoreUnavailable.guard(() -> store.findResourceToken(rootHash));
      if (root.isEmpty()) {
        transients.revokeDescendantsOf(rootHash);
        return Optional.empty();
      }
      return Optional.of(
          Principal.ofTransientToken(token, root.get().account(), root.get().parent(), grant));
    }
    Optional<TokenWithAccount> root =
        StoreUnavailable.guard(() -> store.findAccountTokenWithAccount(rootHash));
    if (root.isEmpty()) {
      transients.revokeDescendantsOf(rootHash);
      return Optional.empty();
    }
    return Optional.of(
        Principal.ofTransientToken(token, root.get().account(), root.get().token(), grant));
  }

  private Optional<Principal> resourcePrincipal(String token) {
    String hash = Tokens.sha256Hex(token);
    return StoreUnavailable.guard(() -> store.findResourceToken(hash))
        .map(
            found ->
                Principal.ofResourceToken(
                    token, hash, found.account(), found.parent(), found.resource()));
  }

  /**
   * Mints a transient token with the principal's account, access level and binding, descending from
   * the same root token, expiring in 48 hours or with the principal's own transient token if
   * sooner.
   *
   * @param principal the principal
   * @return the new transient token
   */
  public String mintTransient(Principal principal) {
    return transients.mint(
        principal.accountId(),
        principal.admin(),
        principal.rootTokenHash(),
        principal.transientExpiresAt().orElse(Instant.MAX),
        principal.resource().orElse(null));
  }
}
