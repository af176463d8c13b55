package dev.plexauth.server.store;

/** An insert collided with an existing row (same username, email, uuid or source id). */
public class DuplicateKeyException extends StoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what collided
   * @param cause the database error
   */
  public DuplicateKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
