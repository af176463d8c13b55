package dev.plexauth.sdk.errors;

/** A 400 answer to {@code getTransientToken}. */
public class GetTransientTokenBadRequest extends BadRequestException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public GetTransientTokenBadRequest(ErrorDetails details) {
    super(details);
  }
}
