package dev.plexauth.server.auth;

import dev.plexauth.server.store.DeviceKeyWithToken;
import dev.plexauth.server.store.ResourceTokenWithAccount;
import dev.plexauth.server.store.Store;
import dev.plexauth.server.store.StoreException;
import dev.plexauth.server.store.TokenRow;
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
 * account in the same query; so are resource tokens, with the account token they derive from. The
 * store may answer from a lookup of the last second (a change made through it is seen at once, one
 * made by another process within a second). A transient token is valid only while its root (an
 * account or resource token) still is, so replacing or deleting an account token (in this process
 * or another one on the same database) also kills its resource tokens and every transient
 * descendant.
 *
 * <p>Which tokens a route accepts depends on its role: {@link #authenticatePms} (the PMS routes)
 * takes all three kinds; {@link #authenticatePlexTv} (the plex.tv routes: the user, resources,
 * devices, ping, sign-out, pins) takes account tokens only, so a token handed to a server can never
 * act on plex.tv for the account: not read it, not list, end or extend its devices.
 *
 * <p>An account token ends when it has gone unused for the {@link TokenLifetime}'s idle timeout or
 * has reached its maximum age; its resource tokens and transient descendants end with it. The
 * lookup stays one indexed query; a use is written back at most once an hour per account token.
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
   * @param store where account and resource tokens live
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
   * @return the principal, or empty when the token is missing, unknown, expired, revoked or of
   *     another kind
   * @throws TokenExpired when the token is a Plex JWT whose lifetime is over
   * @throws StoreUnavailable when the database cannot be read
   */
  public Optional<Principal> authenticatePlexTv(String token) {
    if (!isCandidate(token) || Tokens.isTransient(token) || Tokens.isResource(token)) {
      return Optional.empty();
    }
    if (PlexJwts.looksLikeJwt(token)) {
      return plexJwt(token);
    }
    if (token.length() > Tokens.MAX_LENGTH) {
      return Optional.empty();
    }
    return current(Tokens.sha256Hex(token))
        .map(found -> Principal.ofAccountToken(token, found.account(), found.token()));
  }

  /**
   * Finds the principal behind any token the PMS role accepts: an account token, a resource token,
   * or a transient token made from either.
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
    if (token.length() > Tokens.MAX_LENGTH) {
      return Optional.empty();
    }
    if (Tokens.isTransient(token)) {
      return transientPrincipal(token);
    }
    if (Tokens.isResource(token)) {
      String hash = Tokens.sha256Hex(token);
      return currentResource(hash)
          .map(
              found ->
                  Principal.ofResourceToken(
                      token, hash, found.account(), found.parent(), found.resource()));
    }
    return authenticatePlexTv(token);
  }

  private Optional<Principal> transientPrincipal(String token) {
    Optional<TransientTokens.Grant> found = transients.find(token);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    TransientTokens.Grant grant = found.get();
    String rootHash = grant.rootTokenHash();
    Optional<Principal> principal =
        switch (grant.rootKind()) {
          case RESOURCE_TOKEN ->
              currentResource(rootHash)
                  .map(
                      root ->
                          Principal.ofTransientToken(token, root.account(), root.parent(), grant));
          case ACCOUNT_TOKEN ->
              current(rootHash)
                  .map(
                      root ->
                          Principal.ofTransientToken(token, root.account(), root.token(), grant));
        };
    if (principal.isEmpty()) {
      transients.revokeDescendantsOf(rootHash);
    }
    return principal;
  }

  /**
   * Mints a transient token with the principal's account, access level and binding, descending from
   * the same root token, expiring in 48 hours or with the principal's own transient token if
   * sooner: {@code getTransientToken}'s "same access level as the caller".
   *
   * @param principal the principal
   * @return the new transient token
   */
  public String mintTransient(Principal principal) {
    return transients.mint(
        principal.accountId(),
        principal.admin(),
        principal.root(),
        principal.rootTokenHash(),
        principal.transientExpiresAt().orElse(Instant.MAX),
        principal.resource().orElse(null));
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
        principal.root(),
        principal.rootTokenHash(),
        principal.transientExpiresAt().orElse(Instant.MAX),
        source.value());
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
        .map(found -> Principal.ofPlexJwt(token, found.account(), found.token(), jwt.expiresAt()));
  }

  /** The account token of a hash with its account, if it exists and has not ended. */
  private Optional<TokenWithAccount> current(String tokenHash) {
    Optional<TokenWithAccount> found =
        StoreUnavailable.guard(() -> store.findAccountTokenWithAccount(tokenHash));
    if (found.isEmpty() || !live(found.get().token())) {
      return Optional.empty();
    }
    return found;
  }

  /**
   * The resource token of a hash, if it exists and the account token it derives from has not ended.
   */
  private Optional<ResourceTokenWithAccount> currentResource(String tokenHash) {
    Optional<ResourceTokenWithAccount> found =
        StoreUnavailable.guard(() -> store.findResourceToken(tokenHash));
    if (found.isEmpty() || !live(found.get().parent())) {
      return Optional.empty();
    }
    return found;
  }

  /**
   * Whether an account token is within its lifetime; ends its transient descendants when it is not,
   * and records its use when the last recorded one is an hour old.
   */
  private boolean live(TokenRow token) {
    Instant now = clock.instant();
    if (lifetime.ended(token, now)) {
      transients.revokeDescendantsOf(token.tokenHash());
      return false;
    }
    if (TokenLifetime.recordDue(token, now)) {
      try {
        store.markAccountTokenUsed(
            token.tokenHash(),
            now.toEpochMilli(),
            now.minus(TokenLifetime.RECORD_INTERVAL).toEpochMilli() + 1);
      } catch (StoreException e) {
        // The token is good; the next use an hour on tries again.
        LOG.warn("cannot record a token's use: {}", e.getMessage());
      }
    }
    return true;
  }

  private static boolean isCandidate(String token) {
    return token != null
        && !token.isEmpty()
        && token.length() <= Math.max(Tokens.MAX_LENGTH, PlexJwts.MAX_LENGTH);
  }
}
