package dev.plexauth.server.auth;

import dev.plexauth.sdk.models.UserPlexAccount;
import dev.plexauth.server.store.AccountRow;
import dev.plexauth.server.store.TokenRow;
import java.time.Instant;
import java.util.Optional;

/**
 * Who made a request: the account behind the token presented, with its access level. Made by {@link
 * Authenticator#authenticate}; the HTTP layer hands it back to the services and reads the user
 * object from it. It keeps the account's stored rows to itself, so a class that is not a service
 * never sees the store.
 */
public final class Principal {

  private final String token;
  private final AccountRow account;
  private final TokenRow rootToken;
  private final boolean admin;

  /** Null unless the token is a source's {@code accessToken} (or made from one). */
  private final SourceId source;

  /** When the presented token expires: null for an account token. */
  private final Instant transientExpiresAt;

  /**
   * The holder of an account token.
   *
   * @param token the token as presented
   * @param account the account
   * @param rootToken the account token presented
   */
  Principal(String token, AccountRow account, TokenRow rootToken) {
    this.token = token;
    this.account = account;
    this.rootToken = rootToken;
    this.admin = account.admin();
    this.source = null;
    this.transientExpiresAt = null;
  }

  /**
   * The holder of a transient token.
   *
   * @param token the transient token as presented
   * @param account the account it acts for
   * @param rootToken the account token it descends from
   * @param grant what the transient token grants
   */
  Principal(String token, AccountRow account, TokenRow rootToken, TransientTokens.Grant grant) {
    this.token = token;
    this.account = account;
    this.rootToken = rootToken;
    this.admin = grant.admin();
    this.source = grant.source().orElse(null);
    this.transientExpiresAt = grant.expiresAt();
  }

  /**
   * The holder of a Plex JWT: the account of the device it is bound to, acting as that device's
   * account token until the JWT expires.
   *
   * @param token the JWT as presented
   * @param account the account
   * @param deviceToken the account token of the JWT's device
   * @param expiresAt when the JWT expires; transient tokens made from it end no later
   */
  Principal(String token, AccountRow account, TokenRow deviceToken, Instant expiresAt) {
    this.token = token;
    this.account = account;
    this.rootToken = deviceToken;
    this.admin = account.admin();
    this.source = null;
    this.transientExpiresAt = expiresAt;
  }

  /**
   * The plex.tv user object of {@code GET /api/v2/user}: the account, with the token presented as
   * {@code authToken}.
   *
   * @return the user object
   */
  public UserPlexAccount user() {
    return UserObjects.user(account, token, rootToken.rememberUntilMillis());
  }

  /** Whether the token carries admin access. */
  boolean admin() {
    return admin;
  }

  /** The source the token is bound to; empty for an account token and most transient ones. */
  Optional<SourceId> source() {
    return Optional.ofNullable(source);
  }

  /**
   * The account the token acts for: for security events and the services, never for the HTTP layer
   * to decide on.
   *
   * @return the account id
   */
  public long accountId() {
    return account.id();
  }

  /** The SHA-256 of the account token presented, or of the one a transient token descends from. */
  String rootTokenHash() {
    return rootToken.tokenHash();
  }

  /** The client identifier the presented token (or its root) was issued to. */
  String clientIdentifier() {
    return rootToken.clientIdentifier();
  }

  /** When the presented transient token or Plex JWT expires; empty for an account token. */
  Optional<Instant> transientExpiresAt() {
    return Optional.ofNullable(transientExpiresAt);
  }

  @Override
  public String toString() {
    return "Principal[account="
        + account.id()
        + ", admin="
        + admin
        + (source == null ? "" : ", source=" + source)
        + "]";
  }
}
