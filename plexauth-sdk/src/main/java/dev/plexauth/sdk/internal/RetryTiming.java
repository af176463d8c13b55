package dev.plexauth.sdk.internal;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * What the retry loop takes from the world: a clock, a way to wait and the random source of the
 * jitter. {@link #system()} is the real one; tests pass their own and drive the loop without
 * waiting.
 *
 * @param clock measures how long a call has taken and reads {@code Retry-After} dates
 * @param sleeper waits before a retry
 * @param random draws the jittered delays
 */
public record RetryTiming(RetryClock clock, Sleeper sleeper, RandomGenerator random) {

  /** Each thread's own {@link ThreadLocalRandom}, fetched at every draw as its contract asks. */
  private static final RandomGenerator THREAD_LOCAL_RANDOM =
      () -> ThreadLocalRandom.current().nextLong();

  private static final RetryTiming SYSTEM =
      new RetryTiming(RetryClock.SYSTEM, Sleeper.SYSTEM, THREAD_LOCAL_RANDOM);

  /** Checks the values. */
  public RetryTiming {
    Objects.requireNonNull(clock, "clock == null");
    Objects.requireNonNull(sleeper, "sleeper == null");
    Objects.requireNonNull(random, "random == null");
  }

  /**
   * The system clock, real sleeping and a thread-local random source.
   *
   * @return the real timing
   */
  public static RetryTiming system() {
    return SYSTEM;
  }
}
