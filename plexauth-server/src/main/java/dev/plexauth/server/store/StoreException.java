package dev.plexauth.server.store;

/** The database could not do what was asked; the message says what, never a secret. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   * @param cause the database error
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
