package dev.plexauth.server.auth;

import java.time.Duration;

/** The sign-in queue is full: the attempt is refused unjudged, to be tried again later. */
public final class SignInBusy extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  /**
   * Creates the refusal.
   *
   * @param retryAfter how long the client should wait
   */
  public SignInBusy(Duration retryAfter) {
    super("too many sign-ins are waiting", null, false, false);
    this.retryAfter = retryAfter;
  }

  /**
   * How long the client should wait.
   *
   * @return the wait
   */
  public Duration retryAfter() {
    return retryAfter == null ? SignInQueue.RETRY_AFTER : retryAfter;
  }
}
