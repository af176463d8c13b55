package dev.plexauth.sdk.errors;

import java.time.Duration;
import java.util.Optional;

/**
 * The server answered 429: too many requests, or too many failed sign-ins (Plex code 1031). {@link
 * #retryAfter()} says how long to wait when the server said so.
 */
public class RateLimitedException extends SDKError {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * Creates the error.
   *
   * @param details the answer
   * @param retryAfter how long the server asked to wait, or null when it did not say
   */
  public RateLimitedException(ErrorDetails details, Duration retryAfter) {
    super(details);
    this.retryAfter = retryAfter;
  }

  /**
   * Returns how long the server asked to wait, from {@code Retry-After} in seconds or as a date.
   *
   * @return the wait, or empty when the server did not say
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
