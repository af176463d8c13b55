package dev.plexauth.sdk.errors;

/** A 400 answer to {@code postUsersSignInData}. */
public class PostUsersSignInDataBadRequest extends BadRequestException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public PostUsersSignInDataBadRequest(ErrorDetails details) {
    super(details);
  }
}
