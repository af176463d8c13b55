package dev.plexauth.server.auth;

import java.time.Duration;
import java.util.Optional;

/** A pin request that was refused, and why; never echoes a code or a token. */
public final class PinRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a pin request was refused. */
  public enum Reason {
    /** No such pin or code, expired, already used, or another client's pin. */
    NOT_FOUND,
    /** Not a code at all (not 4 or 25 letters and digits): bad input, not counted as a guess. */
    MALFORMED,
    /** Too many wrong codes from this account or address: wait {@link #retryAfter()}. */
    LOCKED,
    /** The token presented may not approve pins (a transient token). */
    NOT_ALLOWED,
    /** No free code could be found now: wait {@link #retryAfter()}. */
    BUSY
  }

  private final Reason reason;
  private final transient Optional<Duration> retryAfter;

  PinRefused(Reason reason) {
    super(reason.name(), null, false, false);
    this.reason = reason;
    this.retryAfter = Optional.empty();
  }

  PinRefused(Reason reason, Duration retryAfter) {
    super(reason.name(), null, false, false);
    this.reason = reason;
    this.retryAfter = Optional.of(retryAfter);
  }

  /**
   * Why.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * How long to wait, for {@link Reason#LOCKED} and {@link Reason#BUSY}.
   *
   * @return the wait, or empty
   */
  public Optional<Duration> retryAfter() {
    return retryAfter == null ? Optional.empty() : retryAfter;
  }
}
