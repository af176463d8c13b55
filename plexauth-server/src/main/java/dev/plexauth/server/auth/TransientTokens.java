package dev.plexauth.server.auth;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Transient tokens, in memory only: a restart destroys them, as PMS does. Each carries the access
 * level of the token that made it, the resource it is bound to (if any) and the account or resource
 * token it descends from (its root); it lives at most 48 hours and never longer than the transient
 * token it was made from. Only the SHA-256 of a transient token is kept, as for account tokens.
 * They are PMS tokens: the {@link Authenticator} honours them on the PMS routes only.
 *
 * <p>They are bounded, so no client can fill the heap: at most {@value #MAX_PER_ROOT} live per root
 * token (minting one more drops the oldest of that root) and at most a global number set by the
 * server (minting one more drops the oldest of all). A held token is its hash as four longs, its
 * expiry as epoch milliseconds, a reference to its root (shared by all its siblings), its binding
 * and access level: about 120 bytes of heap each with the map entry (measured), so the default
 * {@value #DEFAULT_MAX} take about 120 MB at most. Expired tokens are dropped when presented and by
 * a sweep at most once a minute, on a mint.
 */
public final class TransientTokens {

  /** The longest a transient token lives. */
  public static final Duration MAX_LIFETIME = Duration.ofHours(48);

  /** Live transient tokens per root token; minting one more drops that root's oldest. */
  public static final int MAX_PER_ROOT = 1_000;

  /** Live transient tokens in all, by default; minting one more drops the oldest. */
  public static final int DEFAULT_MAX = 1_000_000;

  /** The most {@code maxTransientTokens} may be: about 12 GB of heap at that count. */
  public static final int LIMIT_MAX = 100_000_000;

  private static final long PURGE_INTERVAL_MILLIS = Duration.ofMinutes(1).toMillis();

  private final Clock clock;
  private final int max;

  /** Every held token by its hash, in minting order (the first is the oldest). Guarded by this. */
  private final LinkedHashMap<Hash, Held> byHash = new LinkedHashMap<>();

  /**
   * The roots that have live tokens, by the SHA-256 (hex) of their account or resource token.
   * Guarded by this.
   */
  private final Map<String, Root> roots = new HashMap<>();

  private long nextPurgeMillis;

  /** What a transient token descends from. */
  public enum RootKind {
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
   * @param rootKind what kind of token it descends from
   * @param rootTokenHash the SHA-256 of the account or resource token it descends from
   * @param expiresAt when it stops working
   * @param resource the resource it is bound to (a source id, or {@code self} for this server);
   *     null when it is bound to none
   */
  public record Grant(
      long accountId,
      boolean admin,
      RootKind rootKind,
      String rootTokenHash,
      Instant expiresAt,
      String resource) {

    /** Checks that a token bound to a source is never an admin token. */
    public Grant {
      checkBinding(admin, resource);
    }
  }

  private static void checkBinding(boolean admin, String resource) {
    if (admin && resource != null && !ResourceService.THIS_SERVER.equals(resource)) {
      throw new IllegalArgumentException("a token bound to a source is never an admin token");
    }
  }

  /**
   * Creates an empty registry with the default global bound.
   *
   * @param clock the clock that decides expiry
   */
  public TransientTokens(Clock clock) {
    this(clock, DEFAULT_MAX);
  }

  /**
   * Creates an empty registry.
   *
   * @param clock the clock that decides expiry
   * @param max the most live transient tokens in all, 1 to {@value #LIMIT_MAX}
   */
  public TransientTokens(Clock clock, int max) {
    this.clock = clock;
    this.max = checkMax(max);
    this.nextPurgeMillis = clock.millis() + PURGE_INTERVAL_MILLIS;
  }

  /**
   * Checks a global bound.
   *
   * @param max the bound
   * @return it
   * @throws IllegalArgumentException when it is below 1 or above {@value #LIMIT_MAX}
   */
  public static int checkMax(int max) {
    if (max < 1 || max > LIMIT_MAX) {
      throw new IllegalArgumentException(
          "maxTransientTokens must be 1 to " + LIMIT_MAX + ": " + max);
    }
    return max;
  }

  /**
   * Mints a token that lives {@link #MAX_LIFETIME} but never past its parent transient token,
   * dropping its root's oldest when the root has {@value #MAX_PER_ROOT}, and the oldest of all when
   * the global bound is reached.
   *
   * @param accountId the account
   * @param admin the access level
   * @param rootKind what kind of token it descends from
   * @param rootTokenHash the account or resource token it descends from
   * @param notAfter when the parent transient token expires ({@link Instant#MAX} for none)
   * @param resource the resource it is bound to, or null for none
   * @return the new token
   */
  String mint(
      long accountId,
      boolean admin,
      RootKind rootKind,
      String rootTokenHash,
      Instant notAfter,
      String resource) {
    checkBinding(admin, resource);
    String token = Tokens.newTransientToken();
    byte[] hash = Tokens.sha256(token);
    long now = clock.millis();
    long expiresAt = now + MAX_LIFETIME.toMillis();
    if (notAfter.isBefore(Instant.ofEpochMilli(expiresAt))) {
      expiresAt = notAfter.toEpochMilli();
    }
    synchronized (this) {
      purgeIfDue(now);
      Root root = roots.computeIfAbsent(rootTokenHash, h -> new Root(h, accountId, rootKind));
      if (root.live.size() >= MAX_PER_ROOT) {
        byHash.remove(root.live.pollFirst());
      }
      Held held = new Held(hash, root, expiresAt, resource, admin);
      byHash.put(held, held);
      root.live.addLast(held);
      if (byHash.size() > max) {
        Iterator<Held> oldest = byHash.values().iterator();
        Held dropped = oldest.next();
        oldest.remove();
        // The oldest of all is the oldest of its root too.
        dropped.root.live.pollFirst();
        forgetIfEmpty(dropped.root);
      }
    }
    return token;
  }

  /**
   * Looks a token up; an expired one is removed and not found.
   *
   * @param token the transient token presented
   * @return its grant, if it is current
   */
  Optional<Grant> find(String token) {
    Hash hash = new Hash(Tokens.sha256(token));
    long now = clock.millis();
    Held held;
    synchronized (this) {
      held = byHash.get(hash);
      if (held == null) {
        return Optional.empty();
      }
      if (now >= held.expiresAtMillis) {
        remove(held);
        return Optional.empty();
      }
    }
    return Optional.of(
        new Grant(
            held.root.accountId,
            held.admin,
            held.root.kind,
            held.root.tokenHash,
            Instant.ofEpochMilli(held.expiresAtMillis),
            held.resource));
  }

  /**
   * Removes every transient token descending from an account or resource token.
   *
   * @param rootTokenHash the SHA-256 of the account or resource token
   */
  synchronized void revokeDescendantsOf(String rootTokenHash) {
    Root root = roots.remove(rootTokenHash);
    if (root != null) {
      for (Held held : root.live) {
        byHash.remove(held);
      }
      root.live.clear();
    }
  }

  /**
   * How many transient tokens are held (expired ones may still count until the next sweep).
   *
   * @return the count
   */
  public synchronized int size() {
    return byHash.size();
  }

  private void purgeIfDue(long now) {
    if (now < nextPurgeMillis) {
      return;
    }
    nextPurgeMillis = now + PURGE_INTERVAL_MILLIS;
    Iterator<Held> it = byHash.values().iterator();
    while (it.hasNext()) {
      Held held = it.next();
      if (now >= held.expiresAtMillis) {
        it.remove();
        held.root.live.remove(held);
        forgetIfEmpty(held.root);
      }
    }
  }

  private void remove(Held held) {
    byHash.remove(held);
    held.root.live.remove(held);
    forgetIfEmpty(held.root);
  }

  private void forgetIfEmpty(Root root) {
    if (root.live.isEmpty()) {
      roots.remove(root.tokenHash, root);
    }
  }

  /** A root token with live descendants, oldest first. */
  private static final class Root {
    final String tokenHash;
    final long accountId;
    final RootKind kind;
    final ArrayDeque<Held> live = new ArrayDeque<>();

    Root(String tokenHash, long accountId, RootKind kind) {
      this.tokenHash = tokenHash;
      this.accountId = accountId;
      this.kind = kind;
    }
  }

  /** A token's SHA-256 as four longs: the key of the map, equal by value. */
  private static class Hash {
    final long h0;
    final long h1;
    final long h2;
    final long h3;

    Hash(byte[] sha256) {
      ByteBuffer buffer = ByteBuffer.wrap(sha256);
      h0 = buffer.getLong();
      h1 = buffer.getLong();
      h2 = buffer.getLong();
      h3 = buffer.getLong();
    }

    @Override
    public final boolean equals(Object o) {
      return o instanceof Hash other
          && h0 == other.h0
          && h1 == other.h1
          && h2 == other.h2
          && h3 == other.h3;
    }

    @Override
    public final int hashCode() {
      // SHA-256 bits are uniform: any 32 of them make a good hash code.
      return (int) h0;
    }
  }

  /** A held token: its hash (the map's key and value are the same object) and what it grants. */
  private static final class Held extends Hash {
    final Root root;
    final long expiresAtMillis;

    /** Null unless bound to a resource. */
    final String resource;

    final boolean admin;

    Held(byte[] sha256, Root root, long expiresAtMillis, String resource, boolean admin) {
      super(sha256);
      this.root = root;
      this.expiresAtMillis = expiresAtMillis;
      this.resource = resource;
      this.admin = admin;
    }

    @Override
    public String toString() {
      return "Held[expiresAt=" + expiresAtMillis + ", admin=" + admin + "]";
    }
  }
}
