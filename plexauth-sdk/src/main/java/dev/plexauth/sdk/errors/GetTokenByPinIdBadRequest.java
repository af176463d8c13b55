package dev.plexauth.sdk.errors;

/**
 * A 400 answer to {@code getTokenByPinId}: the client identifier is missing (1000) or the pin id is
 * malformed.
 */
public class GetTokenByPinIdBadRequest extends BadRequestException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public GetTokenByPinIdBadRequest(ErrorDetails details) {
    super(details);
  }
}
