package dev.plexauth.sdk.errors;

/**
 * The server answered 401 (or 422 "Invalid token"): the token is missing, invalid or revoked, or
 * the credentials are wrong. {@link #code()} tells 1001 (bad credentials or token), 1028 (wrong
 * verification code) and 1029 (verification code required) apart.
 */
public class UnauthorizedException extends SDKError {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public UnauthorizedException(ErrorDetails details) {
    super(details);
  }
}
