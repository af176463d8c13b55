package dev.plexauth.server.auth;

import dev.plexauth.server.store.Store;
import dev.plexauth.server.store.StoreException;
import dev.plexauth.server.store.TokenWithAccount;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a presented token to a {@link Principal}, and mints transient tokens for principals.
 *
 * <p>Account tokens are looked up by their SHA-256 in the store on every request, with their
 * account in the same query. A transient token is valid only while its root account token still is,
 * so replacing or deleting an account token (in this process or another one on the same database)
 * also kills its transient descendants.
 *
 * <p>Transient tokens are PMS tokens: {@link #authenticatePms} honours them, {@link
 * #authenticatePlexTv} does not. A route picks the method of the role it plays.
 *
 * <p>An account token ends when it has gone unused for the {@link TokenLifetime}'s idle timeout or
 * has reached its maximum age; its transient descendants end with it. The lookup stays one indexed
 * query; a use is written back at most once an hour per token.
 */
public final class Authenticator {

  private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

  private final Store store;
  private final TransientTokens transients;
  private final TokenLifetime lifetime;
  private final Clock clock;

  /**
   * Creates the authenticator.
   *
   * @param store where account tokens live
   * @param transients where transient tokens live
   * @param lifetime how long account tokens live
   * @param clock the clock that decides it
   */
  public Authenticator(
      Store store, TransientTokens transients, TokenLifetime lifetime, Clock clock) {
    this.store = store;
    this.transients = transients;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /**
   * Finds the principal behind a token presented to a plex.tv route: account tokens only.
   *
   * @param token the {@code X-Plex-Token} value, possibly empty
   * @return the principal, or empty when the token is missing, unknown, expired, revoked or
   *     transient
   * @throws StoreUnavailable when the database cannot be read
   */
  public Optional<Principal> authenticatePlexTv(String token) {
    if (!isCandidate(token) || Tokens.isTransient(token)) {
      return Optional.empty();
    }
    return accountToken(token);
  }

  /**
   * Finds the principal behind a token presented to a PMS route: account and transient tokens.
   *
   * @param token the {@code X-Plex-Token} value, possibly empty
   * @return the principal, or empty when the token is missing, unknown, expired or revoked
   * @throws StoreUnavailable when the database cannot be read
   */
  public Optional<Principal> authenticatePms(String token) {
    if (!isCandidate(token)) {
      return Optional.empty();
    }
    if (!Tokens.isTransient(token)) {
      return accountToken(token);
    }
    Optional<TransientTokens.Grant> grant = transients.find(token);
    if (grant.isEmpty()) {
      return Optional.empty();
    }
    String rootHash = grant.get().rootTokenHash();
    Optional<TokenWithAccount> root = current(rootHash);
    if (root.isEmpty()) {
      transients.revokeDescendantsOf(rootHash);
      return Optional.empty();
    }
    return Optional.of(new Principal(token, root.get().account(), root.get().token(), grant.get()));
  }

  /**
   * Mints a transient token with the principal's account and access level (admin or not, bound to a
   * source or not), descending from the same account token, expiring in 48 hours or with the
   * principal's own transient token if sooner: {@code getTransientToken}'s "same access level as
   * the caller".
   *
   * @param principal the principal
   * @return the new transient token
   */
  public String mintTransient(Principal principal) {
    return transients.mint(
        principal.accountId(),
        principal.admin(),
        principal.source(),
        principal.rootTokenHash(),
        principal.transientExpiresAt().orElse(Instant.MAX));
  }

  /**
   * Mints the transient token handed out in a source's connection information: bound to that source
   * and never an admin token, whatever the principal's access.
   *
   * @param principal the principal who asked for the source
   * @param source the source
   * @return the new transient token
   */
  String mintForSource(Principal principal, SourceId source) {
    return transients.mint(
        principal.accountId(),
        false,
        Optional.of(source),
        principal.rootTokenHash(),
        principal.transientExpiresAt().orElse(Instant.MAX));
  }

  private Optional<Principal> accountToken(String token) {
    return current(Tokens.sha256Hex(token))
        .map(found -> new Principal(token, found.account(), found.token()));
  }

  /**
   * The account token of a hash with its account, if it exists and has not ended; records the use
   * when the last recorded one is an hour old.
   */
  private Optional<TokenWithAccount> current(String tokenHash) {
    Optional<TokenWithAccount> found =
        StoreUnavailable.guard(() -> store.findAccountTokenWithAccount(tokenHash));
    if (found.isEmpty()) {
      return found;
    }
    Instant now = clock.instant();
    if (lifetime.ended(found.get().token(), now)) {
      transients.revokeDescendantsOf(tokenHash);
      return Optional.empty();
    }
    if (TokenLifetime.recordDue(found.get().token(), now)) {
      try {
        store.markAccountTokenUsed(
            tokenHash,
            now.toEpochMilli(),
            now.minus(TokenLifetime.RECORD_INTERVAL).toEpochMilli() + 1);
      } catch (StoreException e) {
        // The token is good; the next use an hour on tries again.
        LOG.warn("cannot record a token's use: {}", e.getMessage());
      }
    }
    return found;
  }

  private static boolean isCandidate(String token) {
    return token != null && !token.isEmpty() && token.length() <= Tokens.MAX_LENGTH;
  }
}
