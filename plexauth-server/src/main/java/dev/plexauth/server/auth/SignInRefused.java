package dev.plexauth.server.auth;

import java.time.Duration;
import java.util.Optional;

/** A sign-in that did not succeed, and why; never names the account or echoes a credential. */
public final class SignInRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a sign-in was refused. */
  public enum Reason {
    /** Unknown login or wrong password (indistinguishable on purpose). */
    BAD_CREDENTIALS,
    /** The account has two-factor sign-in and no code was sent. */
    CODE_REQUIRED,
    /** The code was wrong, outside the window, or already used. */
    BAD_CODE,
    /** Too many failures: wait {@link #retryAfter()}. */
    LOCKED
  }

  private final Reason reason;
  private final transient Optional<Duration> retryAfter;

  /** A refusal that a retry may overcome at once (a wrong password, a missing code). */
  SignInRefused(Reason reason) {
    super(reason.name(), null, false, false);
    this.reason = reason;
    this.retryAfter = Optional.empty();
  }

  /** A {@link Reason#LOCKED} refusal: try again after {@code retryAfter}. */
  SignInRefused(Duration retryAfter) {
    super(Reason.LOCKED.name(), null, false, false);
    this.reason = Reason.LOCKED;
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
   * How long to wait before trying again, for {@link Reason#LOCKED}.
   *
   * @return the wait, or empty
   */
  public Optional<Duration> retryAfter() {
    return retryAfter == null ? Optional.empty() : retryAfter;
  }
}
