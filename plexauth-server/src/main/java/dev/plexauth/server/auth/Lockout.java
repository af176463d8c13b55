package dev.plexauth.server.auth;

import dev.plexauth.server.store.FailureCount;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The account lockout policy (Keycloak's brute-force defaults): from the 10th failed sign-in within
 * 12 hours, wait 60 seconds times (failures - 9), at most 15 minutes. Never permanent; a success
 * resets the count.
 */
public final class Lockout {

  /** Failures after which waiting starts. */
  public static final int THRESHOLD = 10;

  /** How far apart failures may be and still add up. */
  public static final Duration WINDOW = Duration.ofHours(12);

  /** The wait added by each failure from the threshold on. */
  public static final Duration STEP = Duration.ofSeconds(60);

  /** The longest wait. */
  public static final Duration MAX_WAIT = Duration.ofMinutes(15);

  private Lockout() {}

  /**
   * How long a subject must still wait.
   *
   * @param count its failures
   * @param now the current time
   * @return the remaining wait, or empty when it may try now
   */
  public static Optional<Duration> remaining(FailureCount count, Instant now) {
    if (count.failures() < THRESHOLD) {
      return Optional.empty();
    }
    Duration wait = STEP.multipliedBy(count.failures() - (THRESHOLD - 1L));
    if (wait.compareTo(MAX_WAIT) > 0) {
      wait = MAX_WAIT;
    }
    Instant until = Instant.ofEpochMilli(count.lastFailureAtMillis()).plus(wait);
    return now.isBefore(until) ? Optional.of(Duration.between(now, until)) : Optional.empty();
  }
}
