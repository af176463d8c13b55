package dev.plexauth.server.auth;

import dev.plexauth.server.store.DeviceKeyWithToken;
import dev.plexauth.server.store.Store;
import dev.plexauth.server.store.StoreException;
import dev.plexauth.server.store.TokenWithAccount;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
 *
 * <p>A Plex JWT is accepted on both roles: its signature and expiry are checked against the
 * server's published keys (an expired one throws {@link TokenExpired}, answered 498), then one
 * indexed query finds its device key with the device's account token and account. It acts as that
 * account token: when the device signs out or is removed, or its account is, the JWT stops working
 * at once on every instance.
 */
public final class Authenticator {

  private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

  private final Store store;
  private final TransientTokens transients;
  private final TokenLifetime lifetime;
  private final Clock clock;
  private final PlexJwts jwts;

  /**
   * Creates the authenticator.
   *
   * @param store where account tokens live
   * @param transients where transient tokens live
   * @param lifetime how long account tokens live
   * @param clock the clock that decides it
   * @param signingKeys the keys Plex JWTs are verified with
   */
  public Authenticator(
      Store store,
      TransientTokens transients,
      TokenLifetime lifetime,
      Clock clock,
      SigningKeys signingKeys) {
    this.store = store;
    this.transients = transients;
    this.lifetime = lifetime;
    this.clock = clock;
    this.jwts = new PlexJwts(signingKeys, clock);
  }

  /**
   * Finds the principal behind a token presented to a plex.tv route: account tokens only.
   *
   * @param token the {@code X-Plex-Token} value, possibly empty
   * @return the principal, or empty when the token is missing, unknown, expired, revoked or
   *     transient
   * @throws TokenExpired when the token is a Plex JWT whose lifetime is over
   * @throws StoreUnavailable when the database cannot be read
   */
  public Optional<Principal> authenticatePlexTv(String token) {
    if (!isCandidate(token) || Tokens.isTransient(token)) {
      return Optional.empty();
    }
    return PlexJwts.looksLikeJwt(token) ? plexJwt(token) : accountToken(token);
  }

  /**
   * Finds the principal behind a token presented to a PMS route: account and transient tokens.
   *
   * @param token the {@code X-Plex-Token} value, possibly empty
   * @return the principal, or empty when the token is missing, unknown, expired or revoked
   * @throws TokenExpired when the token is a Plex JWT whose lifetime is over
   * @throws StoreUnavailable when the database cannot be read
   */
  public Optional<Principal> authenticatePms(String token) {
    if (!isCandidate(token)) {
      return Optional.empty();
    }
    if (PlexJwts.looksLikeJwt(token)) {
      return plexJwt(token);
    }
    if (!Tokens.isTransient(token)) {
      return accountToken(token);
    }
    if (token.length() > Tokens.MAX_LENGTH) {
      return Optional.empty();
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
    if (token.length() > Tokens.MAX_LENGTH) {
      return Optional.empty();
    }
    return current(Tokens.sha256Hex(token))
        .map(found -> new Principal(token, found.account(), found.token()));
  }

  /**
   * A Plex JWT: verified, then its device key, the device's account token and account in one
   * indexed query. The device key must be the very registration the JWT was issued for: registering
   * again, even the same key after a sign-out, ends the JWTs issued before.
   */
  private Optional<Principal> plexJwt(String token) {
    Optional<PlexJwts.Verified> verified = jwts.verify(token);
    if (verified.isEmpty()) {
      return Optional.empty();
    }
    PlexJwts.Verified jwt = verified.get();
    Optional<DeviceKeyWithToken> device =
        StoreUnavailable.guard(() -> store.findDeviceKey(jwt.thumbprint()));
    if (device.isEmpty()
        || device.get().key().accountId() != jwt.accountId()
        || !jwt.audience().contains(device.get().key().clientIdentifier())
        || !MessageDigest.isEqual(
            jwt.registration().getBytes(StandardCharsets.UTF_8),
            device.get().key().registration().getBytes(StandardCharsets.UTF_8))) {
      return Optional.empty();
    }
    return current(device.get().token().token().tokenHash())
        .map(found -> new Principal(token, found.account(), found.token(), jwt.expiresAt()));
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
    return token != null
        && !token.isEmpty()
        && token.length() <= Math.max(Tokens.MAX_LENGTH, PlexJwts.MAX_LENGTH);
  }
}
