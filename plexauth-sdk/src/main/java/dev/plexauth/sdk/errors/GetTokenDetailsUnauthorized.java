package dev.plexauth.sdk.errors;

/** A 401 answer to {@code getTokenDetails}. */
public class GetTokenDetailsUnauthorized extends UnauthorizedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public GetTokenDetailsUnauthorized(ErrorDetails details) {
    super(details);
  }
}
