package dev.plexauth.server.auth;

import dev.plexauth.sdk.models.UserPlexAccount;
import dev.plexauth.server.store.AccountRow;
import dev.plexauth.server.store.TokenRow;
import java.time.Instant;
import java.util.Optional;

/**
 * Who made a request: the account behind the token presented, with its access level. Made by {@link
 * Authenticator}; the HTTP layer hands it back to the services and reads the user object from it.
 * It keeps the account's stored rows to itself, so a class that is not a service never sees the
 * store.
 *
 * <p>Three kinds of token make a principal: an account token; a resource token, derived from an
 * account token and bound to one resource (this server or a source); and a transient token, made
 * from either and bound as its root is.
 */
public final class Principal {

  /** The kind of token presented. */
  enum Kind {
    ACCOUNT,
    RESOURCE,
    TRANSIENT
  }

  private final Kind kind;
  private final String token;
  private final AccountRow account;
  private final TokenRow accountToken;
  private final String rootTokenHash;
  private final boolean admin;
  private final Instant transientExpiresAt;
  private final String resource;
  private final TransientTokens.RootKind root;

  private Principal(
      Kind kind,
      String token,
      AccountRow account,
      TokenRow accountToken,
      String rootTokenHash,
      boolean admin,
      Instant transientExpiresAt,
      String resource,
      TransientTokens.RootKind root) {
    this.kind = kind;
    this.token = token;
    this.account = account;
    this.accountToken = accountToken;
    this.rootTokenHash = rootTokenHash;
    this.admin = admin;
    this.transientExpiresAt = transientExpiresAt;
    this.resource = resource;
    this.root = root;
  }

  /** The holder of an account token. */
  static Principal ofAccountToken(String token, AccountRow account, TokenRow accountToken) {
    return new Principal(
        Kind.ACCOUNT,
        token,
        account,
        accountToken,
        accountToken.tokenHash(),
        account.admin(),
        null,
        null,
        TransientTokens.RootKind.ACCOUNT_TOKEN);
  }

  /**
   * The holder of a resource token: admin rights only for an admin's token for this server; a token
   * for a source never carries admin rights here.
   */
  static Principal ofResourceToken(
      String token, String tokenHash, AccountRow account, TokenRow parent, String resource) {
    boolean thisServer = ResourceService.THIS_SERVER.equals(resource);
    return new Principal(
        Kind.RESOURCE,
        token,
        account,
        parent,
        tokenHash,
        account.admin() && thisServer,
        null,
        resource,
        TransientTokens.RootKind.RESOURCE_TOKEN);
  }

  /** The holder of a transient token. */
  static Principal ofTransientToken(
      String token, AccountRow account, TokenRow accountToken, TransientTokens.Grant grant) {
    return new Principal(
        Kind.TRANSIENT,
        token,
        account,
        accountToken,
        grant.rootTokenHash(),
        grant.admin(),
        grant.expiresAt(),
        grant.resource(),
        grant.rootKind());
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
  static Principal ofPlexJwt(
      String token, AccountRow account, TokenRow deviceToken, Instant expiresAt) {
    return new Principal(
        Kind.ACCOUNT,
        token,
        account,
        deviceToken,
        deviceToken.tokenHash(),
        account.admin(),
        expiresAt,
        null,
        TransientTokens.RootKind.ACCOUNT_TOKEN);
  }

  /**
   * The plex.tv user object of {@code GET /api/v2/user}: the account, with the token presented as
   * {@code authToken}.
   *
   * @return the user object
   */
  public UserPlexAccount user() {
    return UserObjects.user(account, token, accountToken.rememberUntilMillis());
  }

  Kind kind() {
    return kind;
  }

  /** The token as presented. */
  String token() {
    return token;
  }

  /** Whether the token carries admin access. */
  boolean admin() {
    return admin;
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

  AccountRow account() {
    return account;
  }

  /**
   * The SHA-256 of the token transient tokens made from this one descend from: the account token or
   * resource token presented, or the root of the transient token presented.
   */
  String rootTokenHash() {
    return rootTokenHash;
  }

  /** The account token behind the token presented (itself, or the one it derives from). */
  TokenRow accountToken() {
    return accountToken;
  }

  /** The client identifier the presented token (or its root) was issued to. */
  String clientIdentifier() {
    return accountToken.clientIdentifier();
  }

  /** When the presented transient token or Plex JWT expires; empty for other tokens. */
  Optional<Instant> transientExpiresAt() {
    return Optional.ofNullable(transientExpiresAt);
  }

  /**
   * What transient tokens made from this one descend from: an account token or a resource token.
   */
  TransientTokens.RootKind root() {
    return root;
  }

  /** The resource the token is bound to; empty when it is bound to none (an account token). */
  Optional<String> resource() {
    return Optional.ofNullable(resource);
  }

  @Override
  public String toString() {
    return "Principal[account=" + account.id() + ", kind=" + kind + ", admin=" + admin + "]";
  }
}
