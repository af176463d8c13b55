package dev.plexauth.sdk.errors;

/**
 * The server could not be reached or did not answer in time: connection refused or reset, an
 * unknown host, a TLS failure, or a timeout ({@link RequestTimeoutException}).
 */
public class PlexConnectionException extends PlexException {
  private static final long serialVersionUID = 1L;

  /** The operation that failed. */
  private final String operation;

  /**
   * Creates an exception.
   *
   * @param operation the operation id, e.g. {@code getTokenDetails}
   * @param message what went wrong
   * @param cause the I/O failure
   */
  public PlexConnectionException(String operation, String message, Throwable cause) {
    super(message, cause);
    this.operation = operation;
  }

  /**
   * Returns the operation that failed.
   *
   * @return the operation id
   */
  public String operation() {
    return operation;
  }
}
