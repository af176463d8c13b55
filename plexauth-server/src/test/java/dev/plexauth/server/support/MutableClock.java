package dev.plexauth.server.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand: expiry, lockout and rate limits without sleeping. It stands still
 * unless moved, or, made with {@link #ticking()}, runs with the real clock and can still be moved
 * forward.
 */
public final class MutableClock extends Clock {
  private final Clock base;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  /** Stands at {@code start} until moved. */
  public MutableClock(Instant start) {
    this(Clock.fixed(start, ZoneOffset.UTC));
  }

  /** Stands at the real current time until moved, so TOTP codes computed from it look current. */
  public MutableClock() {
    this(Instant.now());
  }

  private MutableClock(Clock base) {
    this.base = base;
  }

  /**
   * A clock that runs with the real one: for a server that clients outside the test's hand talk to
   * (a command in another process, a Node client), which compute codes and waits from real time.
   */
  public static MutableClock ticking() {
    return new MutableClock(Clock.systemUTC());
  }

  public void advance(Duration duration) {
    offset.updateAndGet(o -> o.plus(duration));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }
}
