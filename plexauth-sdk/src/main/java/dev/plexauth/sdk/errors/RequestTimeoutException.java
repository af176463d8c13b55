package dev.plexauth.sdk.errors;

/** The connection or the answer did not come within the configured timeout. */
public class RequestTimeoutException extends PlexConnectionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param operation the operation id
   * @param message what timed out and after how long
   * @param cause the timeout, or null
   */
  public RequestTimeoutException(String operation, String message, Throwable cause) {
    super(operation, message, cause);
  }
}
