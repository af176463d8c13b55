package dev.plexauth.sdk.errors;

/**
 * The root of every exception the SDK throws. Unchecked; messages never contain a token or a
 * password.
 *
 * <pre>{@code
 * try {
 *   plex.authentication().getTokenDetails();
 * } catch (UnauthorizedException e) {
 *   // sign in again
 * } catch (PlexException e) {
 *   // anything else
 * }
 * }</pre>
 */
public class PlexException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong, free of secrets
   * @param cause the cause, or null
   */
  public PlexException(String message, Throwable cause) {
    super(message, cause);
  }
}
