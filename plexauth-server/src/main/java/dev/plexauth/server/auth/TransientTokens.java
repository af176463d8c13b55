package dev.plexauth.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Transient tokens, in memory only: a restart destroys them, as PMS does. Each carries the account
 * and access level of the token that made it, the resource it is bound to (if any) and the account
 * or resource token it descends from (its root); it lives at most 48 hours and never longer than
 * the transient token it was made from. Only the SHA-256 of a transient token is kept, as for
 * account tokens. They are PMS tokens: the {@link Authenticator} honours them on the PMS routes
 * only.
 */
public final class TransientTokens {

  /** The longest a transient token lives. */
  public static final Duration MAX_LIFETIME = Duration.ofHours(48);

  private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

  private final Map<String, Grant> byHash = new ConcurrentHashMap<>();
  private final Clock clock;
  private volatile Instant nextPurge;

  /** What a transient token descends from. */
  public enum Root {
    /** An account token (a sign-in). */
    ACCOUNT_TOKEN,
    /** A resource token ({@code accessToken} of {@code GET /api/v2/resources}). */
    RESOURCE_TOKEN
  }

  /**
   * What a transient token grants.
   *
   * @param accountId the account it acts for
   * @param admin whether it carries admin access
   * @param root what kind of token it descends from
   * @param rootTokenHash the SHA-256 of the account or resource token it descends from
   * @param expiresAt when it stops working
   * @param resource the resource it is bound to (a source id, or {@code self} for this server);
   *     null when it is bound to none
   */
  public record Grant(
      long accountId,
      boolean admin,
      Root root,
      String rootTokenHash,
      Instant expiresAt,
      String resource) {

    /** Checks that a token bound to a source is never an admin token. */
    public Grant {
      if (admin && resource != null && !ResourceService.THIS_SERVER.equals(resource)) {
        throw new IllegalArgumentException("a token bound to a source is never an admin token");
      }
    }
  }

  /**
   * Creates an empty registry.
   *
   * @param clock the clock that decides expiry
   */
  public TransientTokens(Clock clock) {
    this.clock = clock;
    this.nextPurge = clock.instant().plus(PURGE_INTERVAL);
  }

  /**
   * Mints a token that lives {@link #MAX_LIFETIME} but never past its parent transient token (pass
   * {@link Instant#MAX} for none).
   *
   * @param accountId the account
   * @param admin the access level
   * @param root what kind of token it descends from
   * @param rootTokenHash the account or resource token it descends from
   * @param notAfter when the parent transient token expires
   * @param resource the resource it is bound to, or null for none
   * @return the new token
   */
  String mint(
      long accountId,
      boolean admin,
      Root root,
      String rootTokenHash,
      Instant notAfter,
      String resource) {
    Instant now = clock.instant();
    purgeIfDue(now);
    Instant expiresAt = now.plus(MAX_LIFETIME);
    if (notAfter.isBefore(expiresAt)) {
      expiresAt = notAfter;
    }
    String token = Tokens.newTransientToken();
    byHash.put(
        Tokens.sha256Hex(token),
        new Grant(accountId, admin, root, rootTokenHash, expiresAt, resource));
    return token;
  }

  /**
   * Looks a token up; an expired one is removed and not found.
   *
   * @param token the transient token presented
   * @return its grant, if it is current
   */
  Optional<Grant> find(String token) {
    String hash = Tokens.sha256Hex(token);
    Grant grant = byHash.get(hash);
    if (grant == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(grant.expiresAt())) {
      byHash.remove(hash, grant);
      return Optional.empty();
    }
    return Optional.of(grant);
  }

  /**
   * Removes every transient token descending from an account or resource token.
   *
   * @param rootTokenHash the SHA-256 of the account or resource token
   */
  void revokeDescendantsOf(String rootTokenHash) {
    byHash.values().removeIf(grant -> grant.rootTokenHash().equals(rootTokenHash));
  }

  /**
   * How many transient tokens are held (expired ones may still count until the next purge).
   *
   * @return the count
   */
  public int size() {
    return byHash.size();
  }

  private void purgeIfDue(Instant now) {
    if (now.isBefore(nextPurge)) {
      return;
    }
    nextPurge = now.plus(PURGE_INTERVAL);
    byHash.values().removeIf(grant -> !now.isBefore(grant.expiresAt()));
  }
}
