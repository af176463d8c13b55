package dev.plexauth.sdk.errors;

import java.time.Instant;

/**
 * A PIN sign-in ended without a token: the pin expired before it was approved, or the server no
 * longer knows it (its token was handed out to another poll, or the server forgot it). Start a new
 * one.
 *
 * <pre>{@code
 * try {
 *   String token = login.awaitToken();
 * } catch (PinExpiredException e) {
 *   // show a new code
 * }
 * }</pre>
 */
public class PinExpiredException extends PlexException {
  private static final long serialVersionUID = 1L;

  private final Instant expiresAt;

  /**
   * Creates the exception.
   *
   * @param message what happened, free of secrets
   * @param expiresAt when the pin expired or expires
   * @param cause the server's 404, or null when the pin ran out of time
   */
  public PinExpiredException(String message, Instant expiresAt, Throwable cause) {
    super(message, cause);
    this.expiresAt = expiresAt;
  }

  /**
   * Returns when the pin expired (or would have).
   *
   * @return the pin's expiry
   */
  public Instant expiresAt() {
    return expiresAt;
  }
}
