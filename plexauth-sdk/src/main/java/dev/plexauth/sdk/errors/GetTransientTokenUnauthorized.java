package dev.plexauth.sdk.errors;

/** A 401 answer to {@code getTransientToken}. */
public class GetTransientTokenUnauthorized extends UnauthorizedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public GetTransientTokenUnauthorized(ErrorDetails details) {
    super(details);
  }
}
