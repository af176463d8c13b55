package dev.plexauth.sdk.internal;

import dev.plexauth.sdk.RetryConfig;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** The delay before a retry: full jitter over an exponentially growing cap. */
final class Backoff {

  private Backoff() {}

  /**
   * The upper bound of the delay before retry {@code n}: {@code min(maxInterval, initialInterval ×
   * exponent^n)}.
   *
   * @param config the backoff configuration
   * @param retry n, counting from 0
   * @return the cap
   */
  static Duration cap(RetryConfig config, int retry) {
    double nanos = config.initialInterval().toNanos() * Math.pow(config.exponent(), retry);
    long max = config.maxInterval().toNanos();
    if (Double.isNaN(nanos) || nanos >= max) {
      return config.maxInterval();
    }
    return Duration.ofNanos((long) nanos);
  }

  /**
   * A delay drawn uniformly from {@code [0, cap(n)]}.
   *
   * @param config the backoff configuration
   * @param retry n, counting from 0
   * @param random the random source
   * @return the delay
   */
  static Duration delay(RetryConfig config, int retry, RandomGenerator random) {
    long cap = cap(config, retry).toNanos();
    return Duration.ofNanos(cap <= 0 ? 0 : random.nextLong(cap + 1));
  }
}
