package dev.plexauth.sdk.errors;

/** A 401 answer to {@code getServerCapabilities}: the token is missing, invalid or revoked. */
public class GetServerCapabilitiesUnauthorized extends UnauthorizedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public GetServerCapabilitiesUnauthorized(ErrorDetails details) {
    super(details);
  }
}
