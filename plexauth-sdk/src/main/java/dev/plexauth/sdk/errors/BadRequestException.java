package dev.plexauth.sdk.errors;

/**
 * The server answered 400: a parameter was missing or wrong (Plex code 1000 for a missing client
 * identifier).
 */
public class BadRequestException extends SDKError {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public BadRequestException(ErrorDetails details) {
    super(details);
  }
}
