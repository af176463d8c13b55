package dev.plexauth.sdk.errors;

/**
 * The server answered 498: the token is a Plex JWT whose lifetime is over. A {@link
 * dev.plexauth.sdk.DeviceKeyLogin} given as the client's access token refreshes it and retries the
 * call once before this reaches the caller; otherwise trade a new nonce for a new JWT.
 */
public class TokenExpiredException extends SDKError {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public TokenExpiredException(ErrorDetails details) {
    super(details);
  }
}
