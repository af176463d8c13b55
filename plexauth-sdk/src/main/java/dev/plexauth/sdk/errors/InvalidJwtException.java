package dev.plexauth.sdk.errors;

/**
 * A Plex JWT could not be verified: none of the server's published keys ({@code GET
 * /api/v2/auth/keys}) verifies its signature, or it is not a Plex JWT (wrong issuer, missing
 * claims). The message never holds the token.
 */
public class InvalidJwtException extends PlexException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what is wrong, free of secrets
   * @param cause the cause, or null
   */
  public InvalidJwtException(String message, Throwable cause) {
    super(message, cause);
  }
}
