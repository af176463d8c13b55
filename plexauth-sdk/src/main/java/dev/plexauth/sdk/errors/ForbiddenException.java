package dev.plexauth.sdk.errors;

/**
 * The server answered 403: the token is valid but may not do this, e.g. a non-admin token asking
 * for source information.
 */
public class ForbiddenException extends SDKError {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public ForbiddenException(ErrorDetails details) {
    super(details);
  }
}
