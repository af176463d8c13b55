package dev.plexauth.sdk.internal;

import java.time.Instant;

/** The clock of the retry loop: how long a call has taken, and what time it is for dates. */
public interface RetryClock {

  /** The system's monotonic clock and its wall clock. */
  RetryClock SYSTEM =
      new RetryClock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public Instant instant() {
          return Instant.now();
        }
      };

  /**
   * Returns a monotonic time; only the difference between two readings means anything.
   *
   * @return nanoseconds
   */
  long nanoTime();

  /**
   * Returns the current wall-clock time, to measure a {@code Retry-After} date against.
   *
   * @return now
   */
  Instant instant();
}
