package dev.plexauth.server.store;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The token lookups this store answered in the last second, so that a client calling many times a
 * second costs one query a second instead of one a request.
 *
 * <p>The bound that makes it safe: an entry is used for at most {@link #LIFETIME} after the query
 * that read it began, so a token revoked by another process on the same database (another instance,
 * or {@code plexauth user remove} beside a live server) stops working here within one second. A
 * change made through this store forgets every entry at once ({@link #forgetAll}), before the
 * change's caller answers, so a revocation is immediate on the instance that made it. Only found
 * rows are kept: an unknown token is asked of the database every time, so a token issued by another
 * instance works here at once and guessing fills nothing.
 *
 * <p>Why not a cache library: the policy is a map and a clock (one lifetime, everything dropped on
 * any change, a size past which the map starts over); the libraries' strength, eviction by
 * frequency, does not apply, and their classes would weigh on the start and the memory this store
 * is kept small for.
 *
 * @param <V> what a lookup finds
 */
public final class RecentLookups<V> {

  /** How long an entry is used after the query that read it began. */
  public static final Duration LIFETIME = Duration.ofSeconds(1);

  /** Past this many entries the map starts over: tokens in use within a second, not all tokens. */
  static final int MAX_ENTRIES = 10_000;

  private static final long LIFETIME_NANOS = LIFETIME.toNanos();

  /** An entry is used only while the generation it was read in is the current one. */
  private record Entry<V>(V value, long readAt, long generation) {}

  /** The generation shared by every lookup of one store; a change moves it on. */
  public static final class Generation {
    private final AtomicLong current = new AtomicLong();

    /** Creates a generation at its first value. */
    public Generation() {}

    long current() {
      return current.get();
    }

    /** Moves on: every entry read before is no longer used. */
    public void next() {
      current.incrementAndGet();
    }
  }

  private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();
  private final Generation generation;
  private final LongSupplier nanoTime;

  /**
   * Creates an empty map of lookups.
   *
   * @param generation the generation shared by the lookups that one change invalidates together
   * @param nanoTime the clock of {@link #LIFETIME}, {@code System::nanoTime} but in tests
   */
  public RecentLookups(Generation generation, LongSupplier nanoTime) {
    this.generation = generation;
    this.nanoTime = nanoTime;
  }

  /**
   * The value of a key: from an entry of the current generation read less than {@link #LIFETIME}
   * ago, else from the loader (whose found value is kept).
   *
   * @param key the lookup's key, a hash or a thumbprint, never a secret
   * @param load the query
   * @return what the query found, now or less than a second ago with no change since
   */
  public Optional<V> find(String key, Function<String, Optional<V>> load) {
    // Both are read before the query: a change that commits while it runs moves the generation on
    // after this one was read, so what the query read is never used after that change.
    long readAt = nanoTime.getAsLong();
    long current = generation.current();
    Entry<V> entry = entries.get(key);
    if (entry != null
        && entry.generation() == current
        && readAt - entry.readAt() < LIFETIME_NANOS) {
      return Optional.of(entry.value());
    }
    Optional<V> found = load.apply(key);
    if (found.isPresent()) {
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      entries.put(key, new Entry<>(found.get(), readAt, current));
    } else if (entry != null) {
      entries.remove(key, entry);
    }
    return found;
  }

  /**
   * Forgets one key, after a change that concerns only that key and ends nothing (a token's use
   * recorded).
   *
   * @param key the key
   */
  void forget(String key) {
    entries.remove(key);
  }

  /** Forgets every entry; the generation has moved on already, this frees the memory. */
  public void clear() {
    entries.clear();
  }

  /** The number of entries, stale ones included. */
  int size() {
    return entries.size();
  }
}
