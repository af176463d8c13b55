package dev.plexauth.sdk.errors;

/**
 * A 400 answer to {@code getPin}: the client identifier is missing (1000) or a parameter is bad.
 */
public class GetPinBadRequest extends BadRequestException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public GetPinBadRequest(ErrorDetails details) {
    super(details);
  }
}
