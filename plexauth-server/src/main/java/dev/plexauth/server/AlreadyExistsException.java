package dev.plexauth.server;

/**
 * An account or source could not be added because one with the same username, email address or
 * source id exists. An {@link IllegalArgumentException}, as every other refused input of the
 * administration, so one {@code catch} still handles all of them; catch this one first to tell a
 * duplicate from a malformed value.
 *
 * <pre>{@code
 * try {
 *   admin.addAccount(NewAccount.of("alice", "alice@example.com", password));
 * } catch (AlreadyExistsException e) {
 *   // pick another username
 * }
 * }</pre>
 */
public final class AlreadyExistsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what exists already, e.g. "a source with this id already exists"
   */
  public AlreadyExistsException(String message) {
    super(message);
  }
}
