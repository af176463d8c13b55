package dev.plexauth.sdk.errors;

/**
 * A 404 answer to {@code getTokenByPinId} (plexjs calls it {@code GetTokenByPinIdResponseBody}):
 * the pin is unknown, expired, was made by another client identifier, or its token was handed out
 * already. Plex code 1020, {@link PlexErrorCode#CODE_NOT_FOUND}.
 */
public class GetTokenByPinIdNotFound extends NotFoundException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public GetTokenByPinIdNotFound(ErrorDetails details) {
    super(details);
  }
}
