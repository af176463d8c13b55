package dev.plexauth.server.auth;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A token bucket per client address on sign-in: {@code perMinute} attempts, refilled evenly over a
 * minute. An IPv4 client is one address; an IPv6 client is its /64, the smallest block a site is
 * given (RFC 6177), since one host can use any of its 2^64 addresses. The map of buckets is
 * bounded; the least recently used address is forgotten first.
 */
public final class SignInRateLimiter {

  private static final int MAX_ADDRESSES = 10_000;

  private final int perMinute;
  private final TimeMeter timeMeter;
  private final Map<String, Bucket> buckets =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
          return size() > MAX_ADDRESSES;
        }
      };

  /**
   * Creates the limiter.
   *
   * @param perMinute attempts allowed per address and minute, at least 1
   * @param clock the clock the buckets refill by
   */
  public SignInRateLimiter(int perMinute, Clock clock) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("perMinute must be at least 1");
    }
    this.perMinute = perMinute;
    this.timeMeter =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return clock.millis() * 1_000_000L;
          }

          @Override
          public boolean isWallClockBased() {
            return true;
          }
        };
  }

  /**
   * Takes one attempt from an address's bucket.
   *
   * @param address the client address (the socket's peer, or what a trusted proxy forwarded)
   * @return empty when allowed, else how long until the next attempt is allowed
   */
  public Optional<Duration> tryAcquire(InetAddress address) {
    return tryAcquireKey(ClientAddressKey.of(address));
  }

  /**
   * Takes one attempt from the bucket of another kind of key, such as a client identifier.
   *
   * @param key the key; keys of addresses are written as {@link ClientAddressKey} writes them, so
   *     give another kind of key a prefix of its own
   * @return empty when allowed, else how long until the next attempt is allowed
   */
  public Optional<Duration> tryAcquireKey(String key) {
    Bucket bucket;
    synchronized (buckets) {
      bucket = buckets.computeIfAbsent(key, unused -> newBucket());
    }
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
        .withCustomTimePrecision(timeMeter)
        .build();
  }
}
