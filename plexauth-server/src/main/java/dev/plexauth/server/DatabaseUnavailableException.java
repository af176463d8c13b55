package dev.plexauth.server;

/**
 * The database could not be opened, read or written: it is unreachable, refused the credentials, or
 * failed. Nothing was changed by the call that threw it; it may succeed later. The message says
 * what failed and why, never a password.
 *
 * <pre>{@code
 * try (PlexAuthAdmin admin = PlexAuthAdmin.open(jdbcUrl)) {
 *   admin.listAccounts();
 * } catch (DatabaseUnavailableException e) {
 *   System.err.println(e.getMessage()); // e.g. "cannot open the database jdbc:postgresql://…: …"
 * }
 * }</pre>
 */
public final class DatabaseUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the database's error
   */
  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
