package dev.plexauth.sdk.errors;

/**
 * A 401 answer to {@code getServerResources}: the token is missing, invalid, revoked or not an
 * account token.
 */
public class GetServerResourcesUnauthorized extends UnauthorizedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public GetServerResourcesUnauthorized(ErrorDetails details) {
    super(details);
  }
}
