package dev.plexauth.sdk;

import java.time.Duration;
import java.util.Objects;

/**
 * How failed calls are retried: not at all ({@link #none()}, the default), or with exponential
 * backoff and full jitter ({@link #backoff(Duration, Duration, double, Duration)}).
 *
 * <p>With backoff, the delay before retry {@code n} (n = 0, 1, 2, …) is drawn uniformly from {@code
 * [0, min(maxInterval, initialInterval × exponent^n)]}. A {@code Retry-After} header (seconds or an
 * HTTP date) replaces the computed delay. Retrying stops when the time spent so far plus the next
 * delay would pass {@code maxElapsedTime}; the last error is then thrown. Statuses 429, 500, 502,
 * 503 and 504 are retried (see {@link RequestOptions.Builder#retryCodes(String...)} to change
 * them); connection failures and timeouts only with {@link #withRetryConnectionErrors(boolean)}.
 *
 * <p>Sign-in ({@code postUsersSignInData}) is never sent twice once its request may have reached
 * the server: it is retried only when the connection was never made, and only with {@code
 * retryConnectionErrors}.
 *
 * <pre>{@code
 * PlexAPI plex = PlexAPI.builder()
 *     .serverURL("http://127.0.0.1:32400")
 *     .retryConfig(RetryConfig.backoff().withRetryConnectionErrors(true))
 *     .build();
 * }</pre>
 */
public final class RetryConfig {

  private static final RetryConfig NONE =
      new RetryConfig(false, Duration.ZERO, Duration.ZERO, 1.0, Duration.ZERO, false);

  private final boolean backoff;
  private final Duration initialInterval;
  private final Duration maxInterval;
  private final double exponent;
  private final Duration maxElapsedTime;
  private final boolean retryConnectionErrors;

  private RetryConfig(
      boolean backoff,
      Duration initialInterval,
      Duration maxInterval,
      double exponent,
      Duration maxElapsedTime,
      boolean retryConnectionErrors) {
    this.backoff = backoff;
    this.initialInterval = initialInterval;
    this.maxInterval = maxInterval;
    this.exponent = exponent;
    this.maxElapsedTime = maxElapsedTime;
    this.retryConnectionErrors = retryConnectionErrors;
  }

  /**
   * No retries: every call makes exactly one attempt. The default.
   *
   * @return the configuration that never retries
   */
  public static RetryConfig none() {
    return NONE;
  }

  /**
   * Exponential backoff with plexjs's defaults: 500 ms initial interval, 60 s maximum interval,
   * exponent 1.5, one hour in total.
   *
   * @return a backoff configuration
   */
  public static RetryConfig backoff() {
    return backoff(Duration.ofMillis(500), Duration.ofSeconds(60), 1.5, Duration.ofHours(1));
  }

  /**
   * Exponential backoff with full jitter.
   *
   * @param initialInterval the upper bound of the first delay
   * @param maxInterval the largest upper bound of any delay
   * @param exponent how fast the upper bound grows from one retry to the next (at least 1)
   * @param maxElapsedTime the time after which no further attempt is started
   * @return a backoff configuration, without retrying connection errors
   * @throws IllegalArgumentException if a duration is negative or the exponent is below 1
   */
  public static RetryConfig backoff(
      Duration initialInterval, Duration maxInterval, double exponent, Duration maxElapsedTime) {
    requireNotNegative(initialInterval, "initialInterval");
    requireNotNegative(maxInterval, "maxInterval");
    requireNotNegative(maxElapsedTime, "maxElapsedTime");
    if (!(exponent >= 1.0) || Double.isInfinite(exponent)) {
      throw new IllegalArgumentException("exponent must be a finite number >= 1: " + exponent);
    }
    return new RetryConfig(true, initialInterval, maxInterval, exponent, maxElapsedTime, false);
  }

  private static void requireNotNegative(Duration value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " < 0: " + value);
    }
  }

  /**
   * Returns a copy that also retries connection failures and timeouts (or no longer does). {@link
   * #none()} stays {@code none()}: it retries nothing.
   *
   * @param retry true to retry connection refused, reset, unknown host and timeouts
   * @return a new configuration
   */
  public RetryConfig withRetryConnectionErrors(boolean retry) {
    if (!backoff) {
      return this;
    }
    return new RetryConfig(backoff, initialInterval, maxInterval, exponent, maxElapsedTime, retry);
  }

  /**
   * Tells whether this configuration retries at all.
   *
   * @return true for backoff, false for {@link #none()}
   */
  public boolean isBackoff() {
    return backoff;
  }

  /**
   * Returns the upper bound of the first delay.
   *
   * @return the initial interval ({@code 0} for {@link #none()})
   */
  public Duration initialInterval() {
    return initialInterval;
  }

  /**
   * Returns the largest upper bound of any delay.
   *
   * @return the maximum interval
   */
  public Duration maxInterval() {
    return maxInterval;
  }

  /**
   * Returns how fast the upper bound of the delay grows.
   *
   * @return the exponent
   */
  public double exponent() {
    return exponent;
  }

  /**
   * Returns the time after which no further attempt is started.
   *
   * @return the maximum elapsed time
   */
  public Duration maxElapsedTime() {
    return maxElapsedTime;
  }

  /**
   * Tells whether connection failures and timeouts are retried.
   *
   * @return true if they are
   */
  public boolean retryConnectionErrors() {
    return retryConnectionErrors;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof RetryConfig)) {
      return false;
    }
    RetryConfig that = (RetryConfig) other;
    return backoff == that.backoff
        && initialInterval.equals(that.initialInterval)
        && maxInterval.equals(that.maxInterval)
        && Double.compare(exponent, that.exponent) == 0
        && maxElapsedTime.equals(that.maxElapsedTime)
        && retryConnectionErrors == that.retryConnectionErrors;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        backoff, initialInterval, maxInterval, exponent, maxElapsedTime, retryConnectionErrors);
  }

  @Override
  public String toString() {
    if (!backoff) {
      return "RetryConfig[none]";
    }
    return "RetryConfig[backoff, initialInterval="
        + initialInterval
        + ", maxInterval="
        + maxInterval
        + ", exponent="
        + exponent
        + ", maxElapsedTime="
        + maxElapsedTime
        + ", retryConnectionErrors="
        + retryConnectionErrors
        + "]";
  }
}
