package dev.plexauth.sdk.errors;

/** A 400 answer to {@code getTokenDetails}. */
public class GetTokenDetailsBadRequest extends BadRequestException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public GetTokenDetailsBadRequest(ErrorDetails details) {
    super(details);
  }
}
