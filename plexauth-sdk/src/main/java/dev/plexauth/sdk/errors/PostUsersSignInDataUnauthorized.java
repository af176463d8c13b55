package dev.plexauth.sdk.errors;

/** A 401 answer to {@code postUsersSignInData}. */
public class PostUsersSignInDataUnauthorized extends UnauthorizedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public PostUsersSignInDataUnauthorized(ErrorDetails details) {
    super(details);
  }
}
