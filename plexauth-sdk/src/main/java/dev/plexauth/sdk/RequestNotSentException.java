package dev.plexauth.sdk;

import java.io.IOException;

/**
 * Thrown by a {@link Transport} when the request certainly did not reach the server: the connection
 * was refused, the host is unknown, or connecting timed out. The SDK may then retry even a sign-in
 * (with {@link RetryConfig#withRetryConnectionErrors(boolean)}), because nothing was sent.
 *
 * <pre>{@code
 * try {
 *   return okHttpCall.execute();
 * } catch (java.net.ConnectException e) {
 *   throw new RequestNotSentException("connection refused", e);
 * }
 * }</pre>
 */
public class RequestNotSentException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   * @param cause the underlying failure, or null
   */
  public RequestNotSentException(String message, Throwable cause) {
    super(message, cause);
  }
}
