package dev.plexauth.server.store;

/**
 * The outcome of asking to judge a sign-in attempt ({@link Store#reserveAttempt}).
 *
 * @param status whether the attempt may be judged now
 * @param failures the subject's judged failures at that moment (within the window)
 */
public record Reservation(Status status, FailureCount failures) {

  /** Whether an attempt may be judged. */
  public enum Status {
    /** Counted as in flight: judge it, then record its outcome. */
    RESERVED,
    /** The judged failures keep the subject waiting; nothing was counted. */
    LOCKED,
    /**
     * Attempts in flight decide whether the subject is locked by the time this one's turn comes:
     * ask again shortly; nothing was counted.
     */
    PENDING
  }
}
